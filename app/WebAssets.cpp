#include "app/WebAssets.h"

#include <string_view>

namespace shnor::app {
namespace {

const char* ContentTypeOf(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

const WebFile* Find(std::string_view name) {
  for (const WebFile& file : WebFiles()) {
    if (name == file.name) return &file;
  }
  return nullptr;
}

HttpResponse FileResponse(const WebFile& file) {
  HttpResponse response;
  response.content_type = ContentTypeOf(file.name);
  response.body.assign(file.data, file.size);
  // Pages and data change with each release and each command: always ask again.
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  // Only our own script runs, and no other site may frame the pages (clickjacking).
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                "img-src 'self' data:; frame-ancestors 'none'");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  return response;
}

}  // namespace

HttpResponse ServeAsset(const HttpRequest& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    HttpResponse refused =
        JsonError(405, "method_not_allowed", "Метод " + request.method + " здесь не разрешён");
    refused.headers.emplace_back("Allow", "GET, HEAD");
    return refused;
  }
  std::string_view path(request.target);
  path = path.substr(0, path.find('?'));
  constexpr std::string_view kStatic = "/static/";
  if (path.starts_with(kStatic)) {
    const WebFile* file = Find(path.substr(kStatic.size()));
    if (!file) return JsonError(404, "not_found", "Нет такого файла");
    return FileResponse(*file);
  }
  return FileResponse(*Find("index.html"));
}

}  // namespace shnor::app
