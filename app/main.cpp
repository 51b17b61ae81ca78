#include "app/Cli.h"
#include "app/MemoryPolicy.h"

int main(int argc, char** argv) {
  shnor::app::KeepFreedMemoryForReuse();
  return shnor::app::RunCli(argc, argv);
}
