#pragma once
// The web pages served by `shnor serve` beside the API: one HTML shell for every page address
// (the script routes by the path), its script modules and its style sheet, all compiled into the
// binary.
#include <cstddef>
#include <string>
#include <vector>

#include "app/HttpServer.h"

namespace shnor::app {

struct WebFile {
  const char* name;  // its path under app/web and under /static/: "js/pages/school.js"
  const char* data;
  std::size_t size;
};

// Generated at build time from app/web (cmake/EmbedWebFiles.cmake).
const std::vector<WebFile>& WebFiles();

// GET or HEAD of a path outside /api/: /static/NAME is the file of exactly that name (404 when
// there is none; no path is resolved, so "../" finds nothing), any other path the HTML shell,
// which shows the page or «Страница не найдена» itself.
HttpResponse ServeAsset(const HttpRequest& request);

}  // namespace shnor::app
