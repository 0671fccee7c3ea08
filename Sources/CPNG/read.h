// One decoding function around libpng's progressive-free reading API, for the data sets' image
// folders. libpng reports a fatal error by longjmp to the png_struct's jmp_buf, which Swift
// cannot set up, so the setjmp lives here in C and a corrupt file comes back to Swift as a
// return code and libpng's own message. (Figures reads its own PNGs with libpng's simplified
// API instead; that one converts colour to grey in linear light and scales 16-bit samples, where
// a data set must match Pillow's sample values.)
#include <png.h>
#include <setjmp.h>
#include <string.h>

/// What nb_png_read found: the image's size, its samples per pixel once expanded to 8 bits (1
/// grey, 2 grey and alpha, 3 RGB, 4 RGBA), the file's colour type and bit depth, or libpng's message.
typedef struct {
    unsigned width;
    unsigned height;
    int channels;
    int color_type;
    int bit_depth;
    char message[200];
} nb_png_result;

typedef struct {
    const unsigned char *data;
    size_t size;
    size_t offset;
    nb_png_result *result;
} nb_png_source;

static void nb_png_error(png_structp png, png_const_charp message) {
    nb_png_source *source = (nb_png_source *)png_get_error_ptr(png);
    strncpy(source->result->message, message, sizeof source->result->message - 1);
    png_longjmp(png, 1);
}

// Warnings (a bad ancillary chunk's CRC, an unknown chunk) are recovered from, as Pillow does.
static void nb_png_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static void nb_png_read_data(png_structp png, png_bytep out, size_t count) {
    nb_png_source *source = (nb_png_source *)png_get_io_ptr(png);
    if (count > source->size - source->offset) png_error(png, "the file ends early (truncated)");
    memcpy(out, source->data + source->offset, count);
    source->offset += count;
}

/// Reads the PNG file in `data`: its header only when `out` is NULL, else the whole image as
/// 8-bit rows of `result->channels` interleaved samples, which must be exactly `out_size` bytes.
/// Palettes become RGB (and a tRNS chunk alpha), grey below 8 bits is scaled to 8, 16-bit
/// samples keep their high byte (as Pillow reads them); gamma is not applied (Pillow ignores it).
/// Returns 1 on success, 0 with `result->message` set otherwise.
static inline int nb_png_read(const unsigned char *data, size_t size, unsigned char *out, size_t out_size,
                              nb_png_result *result) {
    nb_png_source source = {data, size, 0, result};
    memset(result, 0, sizeof *result);
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &source, nb_png_error, nb_png_warning);
    if (png == NULL) {
        strcpy(result->message, "libpng could not start (out of memory?)");
        return 0;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        strcpy(result->message, "libpng could not start (out of memory?)");
        return 0;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        return 0;
    }
    png_set_read_fn(png, &source, nb_png_read_data);
    png_read_info(png, info);
    result->width = png_get_image_width(png, info);
    result->height = png_get_image_height(png, info);
    result->color_type = png_get_color_type(png, info);
    result->bit_depth = png_get_bit_depth(png, info);
    if (result->color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (result->color_type == PNG_COLOR_TYPE_GRAY && result->bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (result->bit_depth == 16) png_set_strip_16(png);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    result->channels = png_get_channels(png, info);
    if (out == NULL) {
        png_destroy_read_struct(&png, &info, NULL);
        return 1;
    }
    size_t stride = png_get_rowbytes(png, info);
    if (stride * result->height != out_size) {
        strcpy(result->message, "the decoded size differs from the header's");
        png_destroy_read_struct(&png, &info, NULL);
        return 0;
    }
    for (int pass = 0; pass < passes; pass++) {
        for (unsigned row = 0; row < result->height; row++) png_read_row(png, out + row * stride, NULL);
    }
    png_destroy_read_struct(&png, &info, NULL);
    return 1;
}
