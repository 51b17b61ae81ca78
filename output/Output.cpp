// Placeholder translation unit: the output library gains its renderers with the documents issue.
namespace shnor::output {
int OutputLibraryVersion() { return 1; }
}  // namespace shnor::output
