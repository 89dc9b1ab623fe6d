// libFuzzer's driver, called from each harness's main (libFuzzer >= 11 exports it).
// SwiftPM gives every executable target a main of its own, so the harnesses start the
// fuzzer themselves instead of relying on libFuzzer's main.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

// Each harness defines this (with @_cdecl).
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
