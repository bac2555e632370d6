# A golden CLI test, in the manner of igraph's run_legacy_test.cmake: the
# folder CASE holds `cmd` (the arguments after `samverkan`, one per line)
# and `expected.txt` (stdout, stderr and the exit code), and may hold `env`
# (VAR=value lines added to the fixed environment, e.g. LANG=sv_SE.UTF-8) and
# `stdin` (given as standard input; otherwise it is empty). Runs from the
# project root with a fixed environment; on mismatch prints `diff -u`.
# With -DUPDATE=1 the expected file is rewritten instead (review it!).
file(STRINGS "${CASE}/cmd" args)
set(extra_env)
if(EXISTS "${CASE}/env")
  file(STRINGS "${CASE}/env" extra_env)
endif()
set(input_file /dev/null)
if(EXISTS "${CASE}/stdin")
  set(input_file "${CASE}/stdin")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=LC_ALL --unset=LC_MESSAGES --unset=LANGUAGE
          LANG=C.UTF-8 SOURCE_DATE_EPOCH=1732000000 ${extra_env} "${SAMVERKAN}" ${args}
  WORKING_DIRECTORY "${ROOT}" INPUT_FILE "${input_file}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
string(REPLACE ";" " " shown "${args}")
set(actual "$ samverkan ${shown}\n--- stdout\n${out}--- stderr\n${err}--- exit ${rc}\n")
if(UPDATE)
  file(WRITE "${CASE}/expected.txt" "${actual}")
  return()
endif()
file(READ "${CASE}/expected.txt" expected)
if(NOT actual STREQUAL expected)
  file(WRITE "${OUT}" "${actual}")
  execute_process(COMMAND diff -u "${CASE}/expected.txt" "${OUT}")
  message(FATAL_ERROR "output differs from ${CASE}/expected.txt")
endif()
