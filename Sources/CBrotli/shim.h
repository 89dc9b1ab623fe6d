// libbrotli's encoder (Debian: libbrotli-dev): only the compressed length is needed.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <brotli/encode.h>

/// The length of `input` compressed at `quality` (window 22, generic mode); 0 on failure.
static inline size_t gaslab_brotli_length(const uint8_t *input, size_t size, int quality) {
    size_t capacity = BrotliEncoderMaxCompressedSize(size);
    if (capacity == 0) capacity = size + 1024;
    uint8_t *out = (uint8_t *)malloc(capacity);
    if (!out) return 0;
    size_t length = capacity;
    int ok = BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, size, input, &length, out);
    free(out);
    return ok ? length : 0;
}
