# One file of the malformed-input corpus (tests/data/bad): its first line
# says `# expect: LINE:COL CODE`. `samverkan check FILE` must exit 2 and
# its first message must be `FILE:LINE:COL: error: ... [CODE]`.
# Usage: cmake -DSAMVERKAN=bin -DFILE=path -P run_bad.cmake
file(READ "${FILE}" head LIMIT 200)
# (the first line may start with a byte order mark)
if(NOT head MATCHES "^[^\n]?[^\n]?[^\n]?# expect: ([0-9]+):([0-9]+) ([a-z-]+)")
  message(FATAL_ERROR "${FILE}: the first line must be '# expect: LINE:COL CODE'")
endif()
set(line ${CMAKE_MATCH_1})
set(col ${CMAKE_MATCH_2})
set(code ${CMAKE_MATCH_3})
execute_process(COMMAND "${SAMVERKAN}" --lang en check "${FILE}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 20)
if(NOT rc STREQUAL "2")
  message(FATAL_ERROR "${FILE}: exit ${rc}, expected 2\nstdout:\n${out}\nstderr:\n${err}")
endif()
string(REGEX MATCH "^[^\n]*" first "${err}")
string(FIND "${first}" "${FILE}:${line}:${col}: error: " at)
string(REGEX MATCH "\\[${code}\\]$" tail "${first}")
if(NOT at EQUAL 0 OR NOT tail)
  message(FATAL_ERROR "${FILE}: expected first message at ${line}:${col} [${code}], got:\n${err}")
endif()
