import FuzzSupport

startFuzzer()
