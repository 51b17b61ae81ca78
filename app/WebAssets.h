#pragma once
// The web pages served by `shnor serve` beside the API: one HTML shell for every page address
// (the script routes by the path), its script and its style sheet, all compiled into the binary.
#include <cstddef>
#include <string>
#include <vector>

#include "app/HttpServer.h"

namespace shnor::app {

struct WebFile {
  const char* name;  // "app.js"
  const char* data;
  std::size_t size;
};

// Generated at build time from app/web (cmake/EmbedWebFiles.cmake).
const std::vector<WebFile>& WebFiles();

// GET or HEAD of a path outside /api/: /static/NAME is that file (404 when there is none), any
// other path the HTML shell, which shows the page or «Страница не найдена» itself.
HttpResponse ServeAsset(const HttpRequest& request);

}  // namespace shnor::app
