// Decoding the TeX that arXiv metadata keeps in names: accents (`Bal\'azs`, `\v{S}r\'amek`,
// `{\"o}`), special letters (`\ss`, `{\o}`, `\l`, `\aa`), escapes (`\&`) and grouping braces.
// The result is UTF-8 in NFC: an accented letter with a precomposed code point becomes that
// code point, straight from a table; one without keeps its base letter followed by the
// combining mark, which is its NFC form too. Unicode input passes through untouched, so
// decoding an already decoded name changes nothing. Macros the table does not know are left
// as written, with the group that follows them. Header-only, standard library only.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

namespace bzpeer::sdk::tex {

namespace detail {

struct Composition {
    char32_t base;
    char accent;  // the TeX accent: ' ` ^ " ~ = . u v H r c k d b
    char32_t composed;
};

// Every base letter (ASCII, Latin-1, Latin Extended-A/B, Latin Extended Additional) that has a
// precomposed code point with one of TeX's accents, sorted by (base, accent).
inline constexpr Composition kCompositions[] = {
    {0x0041, '"', 0x00C4},  {0x0041, '\'', 0x00C1}, {0x0041, '.', 0x0226},  {0x0041, '=', 0x0100},
    {0x0041, '^', 0x00C2},  {0x0041, '`', 0x00C0},  {0x0041, 'd', 0x1EA0},  {0x0041, 'k', 0x0104},
    {0x0041, 'r', 0x00C5},  {0x0041, 'u', 0x0102},  {0x0041, 'v', 0x01CD},  {0x0041, '~', 0x00C3},
    {0x0042, '.', 0x1E02},  {0x0042, 'b', 0x1E06},  {0x0042, 'd', 0x1E04},  {0x0043, '\'', 0x0106},
    {0x0043, '.', 0x010A},  {0x0043, '^', 0x0108},  {0x0043, 'c', 0x00C7},  {0x0043, 'v', 0x010C},
    {0x0044, '.', 0x1E0A},  {0x0044, 'b', 0x1E0E},  {0x0044, 'c', 0x1E10},  {0x0044, 'd', 0x1E0C},
    {0x0044, 'v', 0x010E},  {0x0045, '"', 0x00CB},  {0x0045, '\'', 0x00C9}, {0x0045, '.', 0x0116},
    {0x0045, '=', 0x0112},  {0x0045, '^', 0x00CA},  {0x0045, '`', 0x00C8},  {0x0045, 'c', 0x0228},
    {0x0045, 'd', 0x1EB8},  {0x0045, 'k', 0x0118},  {0x0045, 'u', 0x0114},  {0x0045, 'v', 0x011A},
    {0x0045, '~', 0x1EBC},  {0x0046, '.', 0x1E1E},  {0x0047, '\'', 0x01F4}, {0x0047, '.', 0x0120},
    {0x0047, '=', 0x1E20},  {0x0047, '^', 0x011C},  {0x0047, 'c', 0x0122},  {0x0047, 'u', 0x011E},
    {0x0047, 'v', 0x01E6},  {0x0048, '"', 0x1E26},  {0x0048, '.', 0x1E22},  {0x0048, '^', 0x0124},
    {0x0048, 'c', 0x1E28},  {0x0048, 'd', 0x1E24},  {0x0048, 'v', 0x021E},  {0x0049, '"', 0x00CF},
    {0x0049, '\'', 0x00CD}, {0x0049, '.', 0x0130},  {0x0049, '=', 0x012A},  {0x0049, '^', 0x00CE},
    {0x0049, '`', 0x00CC},  {0x0049, 'd', 0x1ECA},  {0x0049, 'k', 0x012E},  {0x0049, 'u', 0x012C},
    {0x0049, 'v', 0x01CF},  {0x0049, '~', 0x0128},  {0x004A, '^', 0x0134},  {0x004B, '\'', 0x1E30},
    {0x004B, 'b', 0x1E34},  {0x004B, 'c', 0x0136},  {0x004B, 'd', 0x1E32},  {0x004B, 'v', 0x01E8},
    {0x004C, '\'', 0x0139}, {0x004C, 'b', 0x1E3A},  {0x004C, 'c', 0x013B},  {0x004C, 'd', 0x1E36},
    {0x004C, 'v', 0x013D},  {0x004D, '\'', 0x1E3E}, {0x004D, '.', 0x1E40},  {0x004D, 'd', 0x1E42},
    {0x004E, '\'', 0x0143}, {0x004E, '.', 0x1E44},  {0x004E, '`', 0x01F8},  {0x004E, 'b', 0x1E48},
    {0x004E, 'c', 0x0145},  {0x004E, 'd', 0x1E46},  {0x004E, 'v', 0x0147},  {0x004E, '~', 0x00D1},
    {0x004F, '"', 0x00D6},  {0x004F, '\'', 0x00D3}, {0x004F, '.', 0x022E},  {0x004F, '=', 0x014C},
    {0x004F, 'H', 0x0150},  {0x004F, '^', 0x00D4},  {0x004F, '`', 0x00D2},  {0x004F, 'd', 0x1ECC},
    {0x004F, 'k', 0x01EA},  {0x004F, 'u', 0x014E},  {0x004F, 'v', 0x01D1},  {0x004F, '~', 0x00D5},
    {0x0050, '\'', 0x1E54}, {0x0050, '.', 0x1E56},  {0x0052, '\'', 0x0154}, {0x0052, '.', 0x1E58},
    {0x0052, 'b', 0x1E5E},  {0x0052, 'c', 0x0156},  {0x0052, 'd', 0x1E5A},  {0x0052, 'v', 0x0158},
    {0x0053, '\'', 0x015A}, {0x0053, '.', 0x1E60},  {0x0053, '^', 0x015C},  {0x0053, 'c', 0x015E},
    {0x0053, 'd', 0x1E62},  {0x0053, 'v', 0x0160},  {0x0054, '.', 0x1E6A},  {0x0054, 'b', 0x1E6E},
    {0x0054, 'c', 0x0162},  {0x0054, 'd', 0x1E6C},  {0x0054, 'v', 0x0164},  {0x0055, '"', 0x00DC},
    {0x0055, '\'', 0x00DA}, {0x0055, '=', 0x016A},  {0x0055, 'H', 0x0170},  {0x0055, '^', 0x00DB},
    {0x0055, '`', 0x00D9},  {0x0055, 'd', 0x1EE4},  {0x0055, 'k', 0x0172},  {0x0055, 'r', 0x016E},
    {0x0055, 'u', 0x016C},  {0x0055, 'v', 0x01D3},  {0x0055, '~', 0x0168},  {0x0056, 'd', 0x1E7E},
    {0x0056, '~', 0x1E7C},  {0x0057, '"', 0x1E84},  {0x0057, '\'', 0x1E82}, {0x0057, '.', 0x1E86},
    {0x0057, '^', 0x0174},  {0x0057, '`', 0x1E80},  {0x0057, 'd', 0x1E88},  {0x0058, '"', 0x1E8C},
    {0x0058, '.', 0x1E8A},  {0x0059, '"', 0x0178},  {0x0059, '\'', 0x00DD}, {0x0059, '.', 0x1E8E},
    {0x0059, '=', 0x0232},  {0x0059, '^', 0x0176},  {0x0059, '`', 0x1EF2},  {0x0059, 'd', 0x1EF4},
    {0x0059, '~', 0x1EF8},  {0x005A, '\'', 0x0179}, {0x005A, '.', 0x017B},  {0x005A, '^', 0x1E90},
    {0x005A, 'b', 0x1E94},  {0x005A, 'd', 0x1E92},  {0x005A, 'v', 0x017D},  {0x0061, '"', 0x00E4},
    {0x0061, '\'', 0x00E1}, {0x0061, '.', 0x0227},  {0x0061, '=', 0x0101},  {0x0061, '^', 0x00E2},
    {0x0061, '`', 0x00E0},  {0x0061, 'd', 0x1EA1},  {0x0061, 'k', 0x0105},  {0x0061, 'r', 0x00E5},
    {0x0061, 'u', 0x0103},  {0x0061, 'v', 0x01CE},  {0x0061, '~', 0x00E3},  {0x0062, '.', 0x1E03},
    {0x0062, 'b', 0x1E07},  {0x0062, 'd', 0x1E05},  {0x0063, '\'', 0x0107}, {0x0063, '.', 0x010B},
    {0x0063, '^', 0x0109},  {0x0063, 'c', 0x00E7},  {0x0063, 'v', 0x010D},  {0x0064, '.', 0x1E0B},
    {0x0064, 'b', 0x1E0F},  {0x0064, 'c', 0x1E11},  {0x0064, 'd', 0x1E0D},  {0x0064, 'v', 0x010F},
    {0x0065, '"', 0x00EB},  {0x0065, '\'', 0x00E9}, {0x0065, '.', 0x0117},  {0x0065, '=', 0x0113},
    {0x0065, '^', 0x00EA},  {0x0065, '`', 0x00E8},  {0x0065, 'c', 0x0229},  {0x0065, 'd', 0x1EB9},
    {0x0065, 'k', 0x0119},  {0x0065, 'u', 0x0115},  {0x0065, 'v', 0x011B},  {0x0065, '~', 0x1EBD},
    {0x0066, '.', 0x1E1F},  {0x0067, '\'', 0x01F5}, {0x0067, '.', 0x0121},  {0x0067, '=', 0x1E21},
    {0x0067, '^', 0x011D},  {0x0067, 'c', 0x0123},  {0x0067, 'u', 0x011F},  {0x0067, 'v', 0x01E7},
    {0x0068, '"', 0x1E27},  {0x0068, '.', 0x1E23},  {0x0068, '^', 0x0125},  {0x0068, 'b', 0x1E96},
    {0x0068, 'c', 0x1E29},  {0x0068, 'd', 0x1E25},  {0x0068, 'v', 0x021F},  {0x0069, '"', 0x00EF},
    {0x0069, '\'', 0x00ED}, {0x0069, '=', 0x012B},  {0x0069, '^', 0x00EE},  {0x0069, '`', 0x00EC},
    {0x0069, 'd', 0x1ECB},  {0x0069, 'k', 0x012F},  {0x0069, 'u', 0x012D},  {0x0069, 'v', 0x01D0},
    {0x0069, '~', 0x0129},  {0x006A, '^', 0x0135},  {0x006A, 'v', 0x01F0},  {0x006B, '\'', 0x1E31},
    {0x006B, 'b', 0x1E35},  {0x006B, 'c', 0x0137},  {0x006B, 'd', 0x1E33},  {0x006B, 'v', 0x01E9},
    {0x006C, '\'', 0x013A}, {0x006C, 'b', 0x1E3B},  {0x006C, 'c', 0x013C},  {0x006C, 'd', 0x1E37},
    {0x006C, 'v', 0x013E},  {0x006D, '\'', 0x1E3F}, {0x006D, '.', 0x1E41},  {0x006D, 'd', 0x1E43},
    {0x006E, '\'', 0x0144}, {0x006E, '.', 0x1E45},  {0x006E, '`', 0x01F9},  {0x006E, 'b', 0x1E49},
    {0x006E, 'c', 0x0146},  {0x006E, 'd', 0x1E47},  {0x006E, 'v', 0x0148},  {0x006E, '~', 0x00F1},
    {0x006F, '"', 0x00F6},  {0x006F, '\'', 0x00F3}, {0x006F, '.', 0x022F},  {0x006F, '=', 0x014D},
    {0x006F, 'H', 0x0151},  {0x006F, '^', 0x00F4},  {0x006F, '`', 0x00F2},  {0x006F, 'd', 0x1ECD},
    {0x006F, 'k', 0x01EB},  {0x006F, 'u', 0x014F},  {0x006F, 'v', 0x01D2},  {0x006F, '~', 0x00F5},
    {0x0070, '\'', 0x1E55}, {0x0070, '.', 0x1E57},  {0x0072, '\'', 0x0155}, {0x0072, '.', 0x1E59},
    {0x0072, 'b', 0x1E5F},  {0x0072, 'c', 0x0157},  {0x0072, 'd', 0x1E5B},  {0x0072, 'v', 0x0159},
    {0x0073, '\'', 0x015B}, {0x0073, '.', 0x1E61},  {0x0073, '^', 0x015D},  {0x0073, 'c', 0x015F},
    {0x0073, 'd', 0x1E63},  {0x0073, 'v', 0x0161},  {0x0074, '"', 0x1E97},  {0x0074, '.', 0x1E6B},
    {0x0074, 'b', 0x1E6F},  {0x0074, 'c', 0x0163},  {0x0074, 'd', 0x1E6D},  {0x0074, 'v', 0x0165},
    {0x0075, '"', 0x00FC},  {0x0075, '\'', 0x00FA}, {0x0075, '=', 0x016B},  {0x0075, 'H', 0x0171},
    {0x0075, '^', 0x00FB},  {0x0075, '`', 0x00F9},  {0x0075, 'd', 0x1EE5},  {0x0075, 'k', 0x0173},
    {0x0075, 'r', 0x016F},  {0x0075, 'u', 0x016D},  {0x0075, 'v', 0x01D4},  {0x0075, '~', 0x0169},
    {0x0076, 'd', 0x1E7F},  {0x0076, '~', 0x1E7D},  {0x0077, '"', 0x1E85},  {0x0077, '\'', 0x1E83},
    {0x0077, '.', 0x1E87},  {0x0077, '^', 0x0175},  {0x0077, '`', 0x1E81},  {0x0077, 'd', 0x1E89},
    {0x0077, 'r', 0x1E98},  {0x0078, '"', 0x1E8D},  {0x0078, '.', 0x1E8B},  {0x0079, '"', 0x00FF},
    {0x0079, '\'', 0x00FD}, {0x0079, '.', 0x1E8F},  {0x0079, '=', 0x0233},  {0x0079, '^', 0x0177},
    {0x0079, '`', 0x1EF3},  {0x0079, 'd', 0x1EF5},  {0x0079, 'r', 0x1E99},  {0x0079, '~', 0x1EF9},
    {0x007A, '\'', 0x017A}, {0x007A, '.', 0x017C},  {0x007A, '^', 0x1E91},  {0x007A, 'b', 0x1E95},
    {0x007A, 'd', 0x1E93},  {0x007A, 'v', 0x017E},  {0x00C2, '\'', 0x1EA4}, {0x00C2, '`', 0x1EA6},
    {0x00C2, 'd', 0x1EAC},  {0x00C2, '~', 0x1EAA},  {0x00C4, '=', 0x01DE},  {0x00C5, '\'', 0x01FA},
    {0x00C6, '\'', 0x01FC}, {0x00C6, '=', 0x01E2},  {0x00C7, '\'', 0x1E08}, {0x00CA, '\'', 0x1EBE},
    {0x00CA, '`', 0x1EC0},  {0x00CA, 'd', 0x1EC6},  {0x00CA, '~', 0x1EC4},  {0x00CF, '\'', 0x1E2E},
    {0x00D4, '\'', 0x1ED0}, {0x00D4, '`', 0x1ED2},  {0x00D4, 'd', 0x1ED8},  {0x00D4, '~', 0x1ED6},
    {0x00D5, '"', 0x1E4E},  {0x00D5, '\'', 0x1E4C}, {0x00D5, '=', 0x022C},  {0x00D6, '=', 0x022A},
    {0x00D8, '\'', 0x01FE}, {0x00DC, '\'', 0x01D7}, {0x00DC, '=', 0x01D5},  {0x00DC, '`', 0x01DB},
    {0x00DC, 'v', 0x01D9},  {0x00E2, '\'', 0x1EA5}, {0x00E2, '`', 0x1EA7},  {0x00E2, 'd', 0x1EAD},
    {0x00E2, '~', 0x1EAB},  {0x00E4, '=', 0x01DF},  {0x00E5, '\'', 0x01FB}, {0x00E6, '\'', 0x01FD},
    {0x00E6, '=', 0x01E3},  {0x00E7, '\'', 0x1E09}, {0x00EA, '\'', 0x1EBF}, {0x00EA, '`', 0x1EC1},
    {0x00EA, 'd', 0x1EC7},  {0x00EA, '~', 0x1EC5},  {0x00EF, '\'', 0x1E2F}, {0x00F4, '\'', 0x1ED1},
    {0x00F4, '`', 0x1ED3},  {0x00F4, 'd', 0x1ED9},  {0x00F4, '~', 0x1ED7},  {0x00F5, '"', 0x1E4F},
    {0x00F5, '\'', 0x1E4D}, {0x00F5, '=', 0x022D},  {0x00F6, '=', 0x022B},  {0x00F8, '\'', 0x01FF},
    {0x00FC, '\'', 0x01D8}, {0x00FC, '=', 0x01D6},  {0x00FC, '`', 0x01DC},  {0x00FC, 'v', 0x01DA},
    {0x0102, '\'', 0x1EAE}, {0x0102, '`', 0x1EB0},  {0x0102, 'd', 0x1EB6},  {0x0102, '~', 0x1EB4},
    {0x0103, '\'', 0x1EAF}, {0x0103, '`', 0x1EB1},  {0x0103, 'd', 0x1EB7},  {0x0103, '~', 0x1EB5},
    {0x0106, 'c', 0x1E08},  {0x0107, 'c', 0x1E09},  {0x0112, '\'', 0x1E16}, {0x0112, '`', 0x1E14},
    {0x0113, '\'', 0x1E17}, {0x0113, '`', 0x1E15},  {0x0114, 'c', 0x1E1C},  {0x0115, 'c', 0x1E1D},
    {0x014C, '\'', 0x1E52}, {0x014C, '`', 0x1E50},  {0x014C, 'k', 0x01EC},  {0x014D, '\'', 0x1E53},
    {0x014D, '`', 0x1E51},  {0x014D, 'k', 0x01ED},  {0x015A, '.', 0x1E64},  {0x015B, '.', 0x1E65},
    {0x0160, '.', 0x1E66},  {0x0161, '.', 0x1E67},  {0x0168, '\'', 0x1E78}, {0x0169, '\'', 0x1E79},
    {0x016A, '"', 0x1E7A},  {0x016B, '"', 0x1E7B},  {0x017F, '.', 0x1E9B},  {0x01A0, '\'', 0x1EDA},
    {0x01A0, '`', 0x1EDC},  {0x01A0, 'd', 0x1EE2},  {0x01A0, '~', 0x1EE0},  {0x01A1, '\'', 0x1EDB},
    {0x01A1, '`', 0x1EDD},  {0x01A1, 'd', 0x1EE3},  {0x01A1, '~', 0x1EE1},  {0x01AF, '\'', 0x1EE8},
    {0x01AF, '`', 0x1EEA},  {0x01AF, 'd', 0x1EF0},  {0x01AF, '~', 0x1EEE},  {0x01B0, '\'', 0x1EE9},
    {0x01B0, '`', 0x1EEB},  {0x01B0, 'd', 0x1EF1},  {0x01B0, '~', 0x1EEF},  {0x01B7, 'v', 0x01EE},
    {0x01EA, '=', 0x01EC},  {0x01EB, '=', 0x01ED},  {0x0226, '=', 0x01E0},  {0x0227, '=', 0x01E1},
    {0x0228, 'u', 0x1E1C},  {0x0229, 'u', 0x1E1D},  {0x022E, '=', 0x0230},  {0x022F, '=', 0x0231},
    {0x1E36, '=', 0x1E38},  {0x1E37, '=', 0x1E39},  {0x1E5A, '=', 0x1E5C},  {0x1E5B, '=', 0x1E5D},
    {0x1E60, 'd', 0x1E68},  {0x1E61, 'd', 0x1E69},  {0x1E62, '.', 0x1E68},  {0x1E63, '.', 0x1E69},
    {0x1EA0, '^', 0x1EAC},  {0x1EA0, 'u', 0x1EB6},  {0x1EA1, '^', 0x1EAD},  {0x1EA1, 'u', 0x1EB7},
    {0x1EB8, '^', 0x1EC6},  {0x1EB9, '^', 0x1EC7},  {0x1ECC, '^', 0x1ED8},  {0x1ECD, '^', 0x1ED9},
};

inline constexpr bool composition_before(const Composition& a, const Composition& b) {
    return a.base < b.base || (a.base == b.base && a.accent < b.accent);
}
static_assert(std::is_sorted(std::begin(kCompositions), std::end(kCompositions), composition_before),
              "compose() searches kCompositions by (base, accent)");

// The combining mark of each accent, for letters without a precomposed form.
inline constexpr char32_t combining_mark(char accent) {
    switch (accent) {
        case '\'':
            return 0x0301;
        case '`':
            return 0x0300;
        case '^':
            return 0x0302;
        case '"':
            return 0x0308;
        case '~':
            return 0x0303;
        case '=':
            return 0x0304;
        case '.':
            return 0x0307;
        case 'u':
            return 0x0306;
        case 'v':
            return 0x030C;
        case 'H':
            return 0x030B;
        case 'r':
            return 0x030A;
        case 'c':
            return 0x0327;
        case 'k':
            return 0x0328;
        case 'd':
            return 0x0323;
        case 'b':
            return 0x0331;
        case 't':
            return 0x0361;
        default:
            return 0;
    }
}

inline constexpr bool is_symbol_accent(char c) {
    return c == '\'' || c == '`' || c == '^' || c == '"' || c == '~' || c == '=' || c == '.';
}

inline constexpr bool is_letter_accent(std::string_view name) {
    return name.size() == 1 && std::string_view("uvHrckdbt").find(name[0]) != std::string_view::npos;
}

struct Letter {
    std::string_view macro;
    std::string_view utf8;
};

// Letters TeX writes as control words.
inline constexpr Letter kLetters[] = {
    {"ss", "\u00DF"}, {"SS", "SS"},     {"o", "\u00F8"},         {"O", "\u00D8"},
    {"l", "\u0142"},  {"L", "\u0141"},  {"aa", "\u00E5"},        {"AA", "\u00C5"},
    {"ae", "\u00E6"}, {"AE", "\u00C6"}, {"oe", "\u0153"},        {"OE", "\u0152"},
    {"i", "\u0131"},  {"j", "\u0237"},  {"dh", "\u00F0"},        {"DH", "\u00D0"},
    {"th", "\u00FE"}, {"TH", "\u00DE"}, {"dj", "\u0111"},        {"DJ", "\u0110"},
    {"ng", "\u014B"}, {"NG", "\u014A"}, {"ij", "\u0133"},        {"IJ", "\u0132"},
    {"S", "\u00A7"},  {"P", "\u00B6"},  {"copyright", "\u00A9"},
};

// Font and box commands whose argument is plain text: the command goes, the text stays.
inline constexpr std::string_view kTextWrappers[] = {"emph",   "textit", "textbf",     "textrm", "textsc",
                                                     "textsf", "texttt", "textup",     "textsl", "textmd",
                                                     "mbox",   "hbox",   "textnormal", "text"};

inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// The length of the UTF-8 sequence starting at text[0]: 1 for ASCII and for stray bytes, so
// malformed input is copied byte by byte rather than lost.
inline std::size_t utf8_length(std::string_view text) {
    auto lead = static_cast<unsigned char>(text[0]);
    std::size_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
    if (length > text.size()) return 1;
    for (std::size_t i = 1; i < length; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return 1;
    }
    return length;
}

// The code point of a well-formed sequence of `length` bytes (see utf8_length).
inline char32_t utf8_decode(std::string_view text, std::size_t length) {
    auto byte = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(text[i])); };
    switch (length) {
        case 2:
            return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
        case 3:
            return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
        case 4:
            return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
                   (byte(3) & 0x3F);
        default:
            return byte(0);
    }
}

inline char32_t compose(char32_t base, char accent) {
    // A dotless i or j under an accent is how TeX writes an accented i or j.
    if (base == 0x0131) base = U'i';
    if (base == 0x0237) base = U'j';
    const Composition* end = std::end(kCompositions);
    const Composition* at = std::lower_bound(
        std::begin(kCompositions), end, base,
        [&](const Composition& c, char32_t b) { return c.base < b || (c.base == b && c.accent < accent); });
    return at != end && at->base == base && at->accent == accent ? at->composed : 0;
}

inline bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

class Decoder {
public:
    explicit Decoder(std::string_view text) : text_(text) {}

    std::string run() {
        std::string out;
        out.reserve(text_.size());
        until_group_end(out, false);
        return out;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;

    bool at_end() const { return pos_ >= text_.size(); }

    void skip_spaces() {
        while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n')) ++pos_;
    }

    // Decodes up to the '}' closing the current group (consumed) or the end of the text. The
    // braces themselves are dropped; a stray '}' outside any group is dropped too.
    void until_group_end(std::string& out, bool in_group) {
        while (!at_end()) {
            char c = text_[pos_];
            if (c == '}') {
                ++pos_;
                if (in_group) return;
            } else if (c == '{') {
                ++pos_;
                until_group_end(out, true);
            } else if (c == '~') {
                ++pos_;
                out.push_back(' ');  // a tie
            } else if (c == '\\') {
                control_sequence(out);
            } else {
                out.push_back(c);
                ++pos_;
            }
        }
    }

    // Copies a balanced {...} group at pos_ unchanged.
    void copy_group(std::string& out) {
        int depth = 0;
        std::size_t start = pos_;
        while (!at_end()) {
            char c = text_[pos_++];
            if (c == '\\' && !at_end()) {
                ++pos_;
            } else if (c == '{') {
                ++depth;
            } else if (c == '}' && --depth == 0) {
                break;
            }
        }
        out.append(text_.substr(start, pos_ - start));
    }

    // At a backslash: decodes one control sequence into `out`.
    void control_sequence(std::string& out) {
        std::size_t start = pos_++;
        if (at_end()) {
            out.push_back('\\');
            return;
        }
        char c = text_[pos_];
        if (!is_ascii_letter(c)) {
            ++pos_;
            if (is_symbol_accent(c)) return accent(out, c, start);
            switch (c) {
                case '&':
                case '%':
                case '$':
                case '#':
                case '_':
                case '{':
                case '}':
                    out.push_back(c);
                    return;
                case ' ':
                case ',':
                case ';':
                case ':':
                    out.push_back(' ');
                    return;
                case '-':
                case '/':
                case '@':
                    return;  // a hyphenation point, an italic correction, a spacing hint
                default:
                    out.append(text_.substr(start, pos_ - start));
                    return;
            }
        }
        std::size_t name_start = pos_;
        while (!at_end() && is_ascii_letter(text_[pos_])) ++pos_;
        std::string_view name = text_.substr(name_start, pos_ - name_start);

        if (is_letter_accent(name)) return accent(out, name[0], start);
        for (const Letter& letter : kLetters) {
            if (letter.macro != name) continue;
            out.append(letter.utf8);
            // TeX swallows the spaces after a control word; people's names usually mean the
            // space when a new word follows (`Pawe\l Nowak`), and not inside a word (`Stra\ss e`).
            std::size_t after = pos_;
            skip_spaces();
            if (at_end() || !(text_[pos_] >= 'a' && text_[pos_] <= 'z')) pos_ = after;
            return;
        }
        for (std::string_view wrapper : kTextWrappers) {
            if (wrapper != name) continue;
            skip_spaces();
            return;  // the group that follows is decoded as ordinary text
        }
        // Unknown: left as written, together with an argument group right after it.
        out.append(text_.substr(start, pos_ - start));
        if (!at_end() && text_[pos_] == '{') copy_group(out);
    }

    // Reads the argument of an accent and writes the accented text; `start` is the backslash.
    void accent(std::string& out, char which, std::size_t start) {
        std::size_t after_macro = pos_;
        skip_spaces();
        std::string argument;
        if (at_end()) {
            pos_ = after_macro;
            out.append(text_.substr(start, pos_ - start));
            return;
        }
        char c = text_[pos_];
        if (c == '{') {
            ++pos_;
            until_group_end(argument, true);
        } else if (c == '\\') {
            control_sequence(argument);
        } else if (c == '}') {
            pos_ = after_macro;  // nothing to put the accent on
        } else {
            std::size_t length = utf8_length(text_.substr(pos_));
            argument.append(text_.substr(pos_, length));
            pos_ += length;
        }
        if (argument.empty()) {
            out.append(text_.substr(start, pos_ - start));
            return;
        }
        std::size_t length = utf8_length(argument);
        char32_t base = utf8_decode(argument, length);
        if (char32_t composed = compose(base, which)) {
            append_utf8(out, composed);
        } else {
            out.append(argument, 0, length);
            append_utf8(out, combining_mark(which));
        }
        out.append(argument, length);
    }
};

}  // namespace detail

// Decodes TeX accents, special letters, escapes and braces in `text` (a name, an affiliation)
// into UTF-8. See the top of this header for what is and is not handled.
inline std::string decode(std::string_view text) { return detail::Decoder(text).run(); }

// True when `text` holds something decode() may change: a backslash, a brace or a tie.
inline bool has_markup(std::string_view text) {
    return text.find_first_of("\\{}~") != std::string_view::npos;
}

}  // namespace bzpeer::sdk::tex
