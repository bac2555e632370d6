# One file of the valid-input corpus (tests/data/good): it must load, so
# `samverkan check FILE` exits 0 or 1 (findings) and prints the summary.
file(READ "${FILE}" head LIMIT 100)
execute_process(COMMAND "${SAMVERKAN}" --lang en check --fail-on never "${FILE}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 20)
if(NOT rc STREQUAL "0" OR NOT out MATCHES "\n?[0-9]+ errors?, [0-9]+ warnings?, [0-9]+ notes?[^\n]*\n")
  message(FATAL_ERROR "${FILE}: exit ${rc}\nstdout:\n${out}\nstderr:\n${err}")
endif()
