#include "app/Cli.h"

int main(int argc, char** argv) {
  return shnor::app::RunCli(argc, argv);
}
