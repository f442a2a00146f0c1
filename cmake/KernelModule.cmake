# Build kernel modules over Kbuild against the installed Debian headers.
#
# The kernel version is found from what is installed, never hard-coded: the
# newest /boot/vmlinuz-V that has /lib/modules/V/build, the same rule the
# guest rig (scripts/nmvm_rig/kernel.py) uses to pick the kernel it boots.
# Override with -DNETMAP_KERNEL_VERSION=V or -DNETMAP_KERNEL_DIR=DIR.

if(NOT NETMAP_KERNEL_DIR)
  if(NOT NETMAP_KERNEL_VERSION)
    file(GLOB _images /boot/vmlinuz-*)
    set(_versions)
    foreach(_image ${_images})
      string(REGEX REPLACE "^/boot/vmlinuz-" "" _v "${_image}")
      if(IS_DIRECTORY /lib/modules/${_v}/build)
        list(APPEND _versions ${_v})
      endif()
    endforeach()
    if(NOT _versions)
      message(FATAL_ERROR "No kernel with headers: install linux-image-amd64 "
                          "and linux-headers-amd64 (scripts/install-deps)")
    endif()
    list(SORT _versions COMPARE NATURAL ORDER DESCENDING)
    list(GET _versions 0 NETMAP_KERNEL_VERSION)
  endif()
  set(NETMAP_KERNEL_DIR /lib/modules/${NETMAP_KERNEL_VERSION}/build)
endif()
set(NETMAP_KERNEL_VERSION ${NETMAP_KERNEL_VERSION} CACHE STRING
    "kernel version the modules are built for")
set(NETMAP_KERNEL_DIR ${NETMAP_KERNEL_DIR} CACHE PATH
    "kernel build tree (headers) the modules are built against")
message(STATUS "Kernel modules built against ${NETMAP_KERNEL_DIR}")

# add_kernel_module(NAME SOURCES...): builds NAME.ko in the matching build
# folder. Kbuild writes objects beside the sources, so the sources are
# linked into the build tree and the source tree stays clean.
function(add_kernel_module name)
  set(_out ${CMAKE_CURRENT_BINARY_DIR})
  set(_links)
  foreach(_src ${ARGN})
    get_filename_component(_base ${_src} NAME)
    list(APPEND _links COMMAND ${CMAKE_COMMAND} -E create_symlink
         ${CMAKE_CURRENT_SOURCE_DIR}/${_src} ${_out}/${_base})
    list(APPEND _deps ${CMAKE_CURRENT_SOURCE_DIR}/${_src})
  endforeach()
  file(GLOB _headers ${CMAKE_SOURCE_DIR}/include/net/*.h)
  add_custom_command(
    OUTPUT ${_out}/${name}.ko
    ${_links}
    COMMAND $(MAKE) -C ${NETMAP_KERNEL_DIR} M=${_out}
            NETMAP_INCLUDE=${CMAKE_SOURCE_DIR}/include modules
    DEPENDS ${_deps} ${_headers}
    WORKING_DIRECTORY ${_out}
    COMMENT "Kbuild ${name}.ko for ${NETMAP_KERNEL_VERSION}"
    VERBATIM)
  add_custom_target(${name}_ko ALL DEPENDS ${_out}/${name}.ko)
endfunction()

# add_native_driver(NAME SUBDIR): NAME.ko, Debian's driver from SUBDIR of
# its kernel source patched for native mode (scripts/driver-tree), in
# kmod/drivers/NAME of the build. Needs netmap.ko built first: its
# Module.symvers gives the driver netmap's symbol versions.
function(add_native_driver name subdir)
  set(_out ${CMAKE_CURRENT_BINARY_DIR}/${name})
  set(_glue ${CMAKE_SOURCE_DIR}/kmod/drivers/${name})
  file(GLOB _glue_files ${_glue}/*)
  file(GLOB _core_headers ${CMAKE_SOURCE_DIR}/kmod/*.h
       ${CMAKE_SOURCE_DIR}/kmod/drivers/*-family/*.h
       ${CMAKE_SOURCE_DIR}/include/net/*.h)
  add_custom_command(
    OUTPUT ${_out}/${name}.ko
    COMMAND ${CMAKE_SOURCE_DIR}/scripts/driver-tree ${name} ${subdir} ${_out}
    COMMAND $(MAKE) -C ${NETMAP_KERNEL_DIR} M=${_out}
            NETMAP_KMOD=${CMAKE_SOURCE_DIR}/kmod
            NETMAP_INCLUDE=${CMAKE_SOURCE_DIR}/include
            KBUILD_EXTRA_SYMBOLS=${CMAKE_BINARY_DIR}/kmod/Module.symvers
            modules
    DEPENDS ${_glue_files} ${_core_headers} netmap_ko
            ${CMAKE_BINARY_DIR}/kmod/netmap.ko
            ${CMAKE_SOURCE_DIR}/scripts/driver-tree
    COMMENT "Kbuild ${name}.ko (native mode) for ${NETMAP_KERNEL_VERSION}"
    VERBATIM)
  add_custom_target(${name}_ko ALL DEPENDS ${_out}/${name}.ko)
endfunction()
