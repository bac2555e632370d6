# One golden CLI test (see tests/cli/run_golden.cmake) run under valgrind's
# memcheck. Fails when the output differs from expected.txt or memcheck
# finds an error or a definite or possible leak not in SUPP.
#
# valgrind exits with 99 on an error: samverkan's own exit codes (0 clean,
# 1 findings, 2 bad input, ...) are part of the expected output, so
# --error-exitcode=1 could not be told from "there are findings".
# Usage: cmake -DVALGRIND=valgrind -DSAMVERKAN=bin -DROOT=dir -DCASE=dir
#              -DSUPP=deps.supp -DOUT=prefix -P run_golden_valgrind.cmake
file(STRINGS "${CASE}/cmd" args)
set(extra_env)
if(EXISTS "${CASE}/env")
  file(STRINGS "${CASE}/env" extra_env)
endif()
# standard input as the golden test gives it (tests/cli/run_golden.cmake)
set(input_file /dev/null)
if(EXISTS "${CASE}/stdin")
  set(input_file "${CASE}/stdin")
endif()
set(log "${OUT}.valgrind.log")
file(REMOVE "${log}")
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=LC_ALL --unset=LC_MESSAGES --unset=LANGUAGE
          LANG=C.UTF-8 SOURCE_DATE_EPOCH=1732000000 ${extra_env}
          "${VALGRIND}" --tool=memcheck --error-exitcode=99 --leak-check=full
          --errors-for-leak-kinds=definite,possible --show-leak-kinds=definite,possible
          --track-origins=yes --num-callers=30 "--suppressions=${SUPP}" "--log-file=${log}"
          "${SAMVERKAN}" ${args}
  WORKING_DIRECTORY "${ROOT}" INPUT_FILE "${input_file}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 280)
file(READ "${log}" report)
string(REGEX MATCH "ERROR SUMMARY: ([0-9]+) errors" summary "${report}")
if(NOT summary OR NOT CMAKE_MATCH_1 EQUAL 0 OR rc STREQUAL "99")
  message(FATAL_ERROR "memcheck found errors in `samverkan ${args}`:\n${report}")
endif()
string(REPLACE ";" " " shown "${args}")
set(actual "$ samverkan ${shown}\n--- stdout\n${out}--- stderr\n${err}--- exit ${rc}\n")
file(READ "${CASE}/expected.txt" expected)
if(NOT actual STREQUAL expected)
  file(WRITE "${OUT}.actual.txt" "${actual}")
  execute_process(COMMAND diff -u "${CASE}/expected.txt" "${OUT}.actual.txt")
  message(FATAL_ERROR "under valgrind, the output differs from ${CASE}/expected.txt")
endif()
