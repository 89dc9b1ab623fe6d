// Declarations only (see include/CFuzzerDriver.h); the definitions come from libFuzzer.
#include "CFuzzerDriver.h"
