// libjpeg-turbo, and one decoding function around it. libjpeg reports a fatal error by calling
// the error manager's error_exit, which by default prints and calls exit(); the only way back
// from it is longjmp, which Swift cannot do, so the setjmp and the error manager live here in C
// and a corrupt file comes back to Swift as a return code and libjpeg's own message.
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

/// What nb_jpeg_read found: the frame's size and colour space, or libjpeg's message.
typedef struct {
    unsigned width;
    unsigned height;
    /// 1 for a grey image, 3 for colour (YCbCr or RGB), 4 for CMYK or YCCK.
    int components;
    /// J_COLOR_SPACE of the file.
    int color_space;
    char message[JMSG_LENGTH_MAX];
} nb_jpeg_result;

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    nb_jpeg_result *result;
} nb_jpeg_error;

typedef struct {
    struct jpeg_progress_mgr manager;
    int maximum_scans;
} nb_jpeg_progress;

static void nb_jpeg_error_exit(j_common_ptr cinfo) {
    nb_jpeg_error *error = (nb_jpeg_error *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, error->result->message);
    longjmp(error->jump, 1);
}

// Warnings are recoverable and libjpeg goes on (as Pillow lets it), except the end of the data
// before the image's end: libjpeg would fill the rest with grey, where Pillow refuses the file.
static void nb_jpeg_emit_message(j_common_ptr cinfo, int level) {
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) nb_jpeg_error_exit(cinfo);
}

// A progressive file of many tiny scans makes libjpeg redo the whole image per scan: a few
// kilobytes can take minutes. Real files have about ten scans.
static void nb_jpeg_progress_monitor(j_common_ptr cinfo) {
    nb_jpeg_progress *progress = (nb_jpeg_progress *)cinfo->progress;
    if (cinfo->is_decompressor && ((j_decompress_ptr)cinfo)->input_scan_number > progress->maximum_scans) {
        snprintf(((nb_jpeg_error *)cinfo->err)->result->message, JMSG_LENGTH_MAX,
                 "more than %d progressive scans", progress->maximum_scans);
        longjmp(((nb_jpeg_error *)cinfo->err)->jump, 1);
    }
}

/// Reads the JPEG file in `data`: its header only when `out` is NULL, else the whole image as
/// 8-bit rows of `grey ? 1 : 3` interleaved samples, which must be exactly `out_size` bytes.
/// Returns 1 on success, 0 with `result->message` set otherwise.
static inline int nb_jpeg_read(const unsigned char *data, unsigned long size, unsigned char *out,
                               unsigned long out_size, int grey, int maximum_scans, nb_jpeg_result *result) {
    struct jpeg_decompress_struct cinfo;
    nb_jpeg_error error;
    nb_jpeg_progress progress;
    memset(result, 0, sizeof *result);
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = nb_jpeg_error_exit;
    error.manager.emit_message = nb_jpeg_emit_message;
    error.result = result;
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return 0;
    }
    jpeg_create_decompress(&cinfo);
    progress.manager.progress_monitor = nb_jpeg_progress_monitor;
    progress.maximum_scans = maximum_scans;
    cinfo.progress = &progress.manager;
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    result->width = cinfo.image_width;
    result->height = cinfo.image_height;
    result->components = cinfo.num_components;
    result->color_space = cinfo.jpeg_color_space;
    if (out == NULL) {
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    cinfo.out_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    unsigned long stride = (unsigned long)cinfo.output_width * cinfo.output_components;
    if (stride * cinfo.output_height != out_size) {
        snprintf(result->message, JMSG_LENGTH_MAX, "decodes to %lu bytes, not the %lu its header gives",
                 stride * cinfo.output_height, out_size);
        jpeg_destroy_decompress(&cinfo);
        return 0;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out + (unsigned long)cinfo.output_scanline * stride;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return 1;
}
