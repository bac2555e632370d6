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

# Debian: one package, samverkan_<version>_<arch>.deb, with the program, both
# libraries, the headers, samverkan.pc and the CMake package, the man page,
# the bash completion, the Swedish catalogue, the models and the schemas.
# `make deb` configures a build with the prefix /usr for it (the library
# binds its catalogue to the configured locale directory). The dependencies
# are what dpkg-shlibdeps finds in the program and the library (libigraph3,
# libyaml-0-2, libgvc6, libcgraph6, libjansson4, libc6); libgvc6 carries the
# layout and cairo plugins that render uses. libmicrohttpd12 is named here:
# serve opens it when it starts (dlopen), so dpkg-shlibdeps cannot see it.
set(SAMVERKAN_DEB_MAINTAINER "samverkan maintainers <maintainers@samverkan.invalid>" CACHE STRING
    "the Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME samverkan)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${SAMVERKAN_DEB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "checks cooperation agreements between public agencies, modelled in YAML")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "samverkan reads a cooperation agreement between public agencies (kommun,
Arbetsförmedlingen, Försäkringskassan, region, samordningsförbund) modelled
as a YAML file, points at what is unclear, unowned or never followed up,
with the line of the model it comes from, answers the audit's questions,
draws diagrams and simulates the service points, in Swedish or English.
.
The package holds the program, the C library libsamverkan (shared and
static, with its headers, samverkan.pc and a CMake package), the bundled
Umeå model and the JSON schemas.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libmicrohttpd12 (>= 0.9.71)")
# the fonts the diagrams and the HTML report are set in; the -dev packages
# for linking libsamverkan.a (pkg-config --static)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS fonts-dejavu-core)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libigraph-dev, libyaml-dev, libgraphviz-dev, libjansson-dev")
# a shlibs file and the ldconfig trigger for libsamverkan.so.1
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_PACKAGE_INSTALL_DIRECTORY samverkan)
# the program and the shared library without their debugging sections
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/;/\\\\.git/")
include(CPack)
