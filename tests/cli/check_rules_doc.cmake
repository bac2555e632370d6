# docs/rules.md is exactly what `samverkan --lang en rules --format
# markdown` prints: the catalogue, explain and the document come from the
# same tables. After changing a rule, regenerate it with that command.
execute_process(COMMAND "${SAMVERKAN}" --lang en rules --format markdown
  OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "samverkan rules --format markdown failed")
endif()
file(READ "${DOC}" doc)
if(NOT doc STREQUAL generated)
  file(WRITE "${OUT}" "${generated}")
  execute_process(COMMAND diff -u "${DOC}" "${OUT}")
  message(FATAL_ERROR "docs/rules.md is out of date: run "
          "'build/src/samverkan --lang en rules --format markdown > docs/rules.md'")
endif()
