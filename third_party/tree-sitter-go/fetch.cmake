# Fetches the tree-sitter-go grammar pinned in package-lock.json (beside this
# file) from the npm registry into the build tree and checks its integrity
# (the lockfile's sha512, base64 as npm writes it). Only the generated
# src/parser.c and its src/tree_sitter/ headers are used; nothing of it is
# committed. A tarball already in the build tree with the right hash is not
# downloaded again, so a configured build tree builds offline.
#
# Sets TREE_SITTER_GO_SRC (the folder holding parser.c).

# base64 (RFC 4648) -> lowercase hex, for file(DOWNLOAD ... EXPECTED_HASH).
function(tricolor_base64_to_hex b64 out)
  set(alphabet "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  set(hexdigits "0123456789abcdef")
  string(REGEX REPLACE "=+$" "" b64 "${b64}")
  string(LENGTH "${b64}" n)
  set(bits 0)
  set(nbits 0)
  set(hex "")
  math(EXPR last "${n} - 1")
  foreach(i RANGE 0 ${last})
    string(SUBSTRING "${b64}" ${i} 1 c)
    string(FIND "${alphabet}" "${c}" v)
    if(v LESS 0)
      message(FATAL_ERROR "tree-sitter-go: bad base64 character '${c}' in the lockfile's integrity")
    endif()
    math(EXPR bits "((${bits} << 6) | ${v}) & 0xFFFF")
    math(EXPR nbits "${nbits} + 6")
    while(nbits GREATER_EQUAL 4)
      math(EXPR nbits "${nbits} - 4")
      math(EXPR d "(${bits} >> ${nbits}) & 15")
      string(SUBSTRING "${hexdigits}" ${d} 1 h)
      string(APPEND hex "${h}")
    endwhile()
  endforeach()
  # A sha512 is 64 bytes = 128 hex digits; base64 padding leaves a partial digit.
  string(SUBSTRING "${hex}" 0 128 hex)
  set(${out} "${hex}" PARENT_SCOPE)
endfunction()

set(_lock "${CMAKE_CURRENT_LIST_DIR}/package-lock.json")
file(READ "${_lock}" _lock_text)
string(JSON _ver GET "${_lock_text}" packages "node_modules/tree-sitter-go" version)
string(JSON _integrity GET "${_lock_text}" packages "node_modules/tree-sitter-go" integrity)
if(NOT _integrity MATCHES "^sha512-")
  message(FATAL_ERROR "tree-sitter-go: ${_lock} has no sha512 integrity")
endif()
string(REGEX REPLACE "^sha512-" "" _b64 "${_integrity}")
tricolor_base64_to_hex("${_b64}" _sha512)

set(_dir "${CMAKE_BINARY_DIR}/_deps/tree-sitter-go-${_ver}")
set(_tgz "${_dir}/tree-sitter-go-${_ver}.tgz")
set(_url "https://registry.npmjs.org/tree-sitter-go/-/tree-sitter-go-${_ver}.tgz")
if(NOT EXISTS "${_dir}/package/src/parser.c")
  message(STATUS "Fetching tree-sitter-go ${_ver} (npm, sha512 ${_integrity})")
  file(DOWNLOAD "${_url}" "${_tgz}" EXPECTED_HASH SHA512=${_sha512} TLS_VERIFY ON STATUS _st)
  list(GET _st 0 _code)
  if(NOT _code EQUAL 0)
    list(GET _st 1 _msg)
    message(FATAL_ERROR "tree-sitter-go: could not download ${_url}: ${_msg}")
  endif()
  file(ARCHIVE_EXTRACT INPUT "${_tgz}" DESTINATION "${_dir}"
       PATTERNS "package/src/parser.c" "package/src/tree_sitter/*" "package/LICENSE")
endif()
set(TREE_SITTER_GO_SRC "${_dir}/package/src")
