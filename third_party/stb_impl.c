/* The stb implementations for the Windows build, compiled from Debian's libstb-dev headers. On
 * Linux they come compiled in libstb.so; MinGW has no such library, so this file instantiates the
 * same headers (and the same truetype rasteriser Debian's imgui uses, so text renders alike). */
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_TRUETYPE_IMPLEMENTATION
#define STB_RECT_PACK_IMPLEMENTATION
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#include <stb/stb_rect_pack.h>
#include <stb/stb_truetype.h>
