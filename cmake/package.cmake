# How samverkan is found and packaged once installed: the pkg-config file,
# the CMake package (find_package(samverkan)) and the Debian package
# (cpack -G DEB, or `make deb`). Included from the top CMakeLists.txt after
# the targets exist.
include(CMakePackageConfigHelpers)

# pkg-config: relocatable, the prefix found from the .pc file's own place
# (${pcfiledir}), so that `cmake --install --prefix DIR` gives a tree that
# works where it is put.
set(pc_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  message(FATAL_ERROR "CMAKE_INSTALL_LIBDIR must be relative to the prefix for samverkan.pc")
endif()
file(RELATIVE_PATH SAMVERKAN_PC_TO_PREFIX /prefix/${pc_dir} /prefix)
string(REGEX REPLACE "/$" "" SAMVERKAN_PC_TO_PREFIX "${SAMVERKAN_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/samverkan.pc.in ${PROJECT_BINARY_DIR}/samverkan.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/samverkan.pc DESTINATION ${pc_dir})

# CMake: the imported target samverkan::samverkan (the shared library).
set(cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/samverkan)
install(EXPORT samverkan-targets NAMESPACE samverkan:: DESTINATION ${cmake_dir})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/samverkanConfig.cmake.in
  ${PROJECT_BINARY_DIR}/samverkanConfig.cmake INSTALL_DESTINATION ${cmake_dir})
# the soname changes with the major version, and so may the API
write_basic_package_version_file(${PROJECT_BINARY_DIR}/samverkanConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/samverkanConfig.cmake
              ${PROJECT_BINARY_DIR}/samverkanConfigVersion.cmake
        DESTINATION ${cmake_dir})
