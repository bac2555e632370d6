# `samverkan check --format sarif|junit MODEL` writes a report that its
# checker accepts: SARIF against the OASIS schema (tests/schema/validate_sarif.py),
# JUnit for its structure (tests/schema/check_junit.py). Two runs must give
# the same bytes.
#   cmake -DSAMVERKAN=... -DFORMAT=sarif|junit -DMODEL=models/umea-2024.yaml
#         -DOUT=build/tests/umea.sarif -DPYTHON3=python3 -DCHECKER=.../validate_sarif.py
#         [-DSCHEMA=.../sarif-schema-2.1.0.json] -P run_format_check.cmake
# Run from the project root, so that the report names the model as given.
foreach(var SAMVERKAN FORMAT MODEL OUT PYTHON3 CHECKER)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_format_check.cmake needs -D${var}=...")
  endif()
endforeach()
if(FORMAT STREQUAL "sarif")
  if(NOT DEFINED SCHEMA OR NOT EXISTS "${SCHEMA}")
    # a clone without ../shared beside it (CI always has it)
    message("SKIPPED: the SARIF schema is not at ${SCHEMA}")
    return()
  endif()
  set(check_args "${SCHEMA}" "${OUT}")
elseif(FORMAT STREQUAL "junit")
  set(check_args "${OUT}")
else()
  message(FATAL_ERROR "FORMAT must be sarif or junit, not '${FORMAT}'")
endif()

foreach(run 1 2)
  execute_process(COMMAND "${SAMVERKAN}" --lang en check --format ${FORMAT} "${MODEL}"
    RESULT_VARIABLE rc OUTPUT_FILE "${OUT}.${run}" ERROR_VARIABLE err TIMEOUT 60)
  # 0 = no findings at or above --fail-on, 1 = some; anything else is a failure
  if(NOT rc STREQUAL "0" AND NOT rc STREQUAL "1")
    message(FATAL_ERROR "samverkan check --format ${FORMAT} ${MODEL}: exit '${rc}'\nstderr:\n${err}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${OUT}.1" "${OUT}.2" RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "two runs of check --format ${FORMAT} ${MODEL} differ: ${OUT}.1 ${OUT}.2")
endif()
file(RENAME "${OUT}.1" "${OUT}")
file(REMOVE "${OUT}.2")

execute_process(COMMAND "${PYTHON3}" "${CHECKER}" ${check_args}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "${CHECKER} rejects ${OUT} (exit ${rc}):\n${out}${err}")
endif()
string(STRIP "${out}" out)
message(STATUS "${out}")
