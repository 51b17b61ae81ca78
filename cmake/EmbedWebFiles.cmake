# Writes OUTPUT: a C++ source with the bytes of every file in INPUTS (a |-list of paths under
# BASE), so the web pages are served from the binary itself and `shnor serve` needs no folder
# beside it. Each file is named by its path below BASE ("js/pages/school.js"), which is the path
# it is served at under /static/.
# Run with: cmake -DOUTPUT=... -DBASE=dir -DINPUTS=a|b|c -P EmbedWebFiles.cmake
string(REPLACE "|" ";" INPUTS "${INPUTS}")
set(body "// Generated from app/web by cmake/EmbedWebFiles.cmake; do not edit.\n")
string(APPEND body "#include \"app/WebAssets.h\"\n\nnamespace shnor::app {\nnamespace {\n")
set(table "")
set(index 0)
foreach(input IN LISTS INPUTS)
  file(RELATIVE_PATH name "${BASE}" "${input}")
  if(name MATCHES "^\\.\\./")
    message(FATAL_ERROR "${input} is not under ${BASE}")
  endif()
  file(READ "${input}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
  string(APPEND body "const unsigned char kFile${index}[] = {\n${bytes}0};\n")
  string(APPEND table "    {\"${name}\", reinterpret_cast<const char*>(kFile${index}), ${size}},\n")
  math(EXPR index "${index} + 1")
endforeach()
string(APPEND body "}  // namespace\n\nconst std::vector<WebFile>& WebFiles() {\n")
string(APPEND body "  static const std::vector<WebFile> files = {\n${table}  };\n  return files;\n}\n\n")
string(APPEND body "}  // namespace shnor::app\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
# Unchanged content keeps its timestamp, so an edit elsewhere does not recompile it.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
