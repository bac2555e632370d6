# `samverkan init DIR` writes a starter model and .samverkan.yaml that load
# and check clean in both languages, and never overwrites: a second init
# in the same place fails with exit 2 and leaves the files as they were.
# Both files validate against their schemas and open with the modeline
# that names the installed one.
foreach(lang en sv)
  set(dir "${WORK}/${lang}")
  file(REMOVE_RECURSE "${dir}")
  execute_process(COMMAND "${SAMVERKAN}" --lang ${lang} init "${dir}" RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT EXISTS "${dir}/model.yaml" OR NOT EXISTS "${dir}/.samverkan.yaml")
    message(FATAL_ERROR "init (${lang}) failed: ${rc}\n${out}${err}")
  endif()
  execute_process(COMMAND "${SAMVERKAN}" --lang en check "${dir}/model.yaml" RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "0 errors, 0 warnings, 0 notes")
    message(FATAL_ERROR "the ${lang} starter model does not check clean: ${rc}\n${out}${err}")
  endif()
  file(READ "${dir}/model.yaml" before)
  execute_process(COMMAND "${SAMVERKAN}" init "${dir}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  file(READ "${dir}/model.yaml" after)
  if(NOT rc EQUAL 2 OR NOT before STREQUAL after)
    message(FATAL_ERROR "a second init into ${dir} gave ${rc} or changed the model")
  endif()
  execute_process(COMMAND "${PYTHON3}" "${VALIDATOR}" "${SCHEMA}" "${dir}/model.yaml" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the ${lang} starter model does not validate against the JSON Schema")
  endif()
  execute_process(COMMAND "${PYTHON3}" "${VALIDATOR}" "${CONFIG_SCHEMA}" "${dir}/.samverkan.yaml"
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the ${lang} starter configuration does not validate against its JSON Schema")
  endif()
  # each file opens with the modeline that names its installed schema
  foreach(pair "model.yaml=samverkan.schema.json" ".samverkan.yaml=samverkan-config.schema.json")
    string(REPLACE "=" ";" pair "${pair}")
    list(GET pair 0 file)
    list(GET pair 1 schema)
    file(STRINGS "${dir}/${file}" lines)
    list(GET lines 0 first)
    if(NOT first STREQUAL "# yaml-language-server: $schema=${SCHEMA_URI}${schema}")
      message(FATAL_ERROR "the ${lang} ${file} opens with '${first}', not the modeline of ${SCHEMA_URI}${schema}")
    endif()
  endforeach()
endforeach()
