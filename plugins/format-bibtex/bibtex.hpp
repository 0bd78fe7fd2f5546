// BibTeX output of the works in a document's data (kind "works": data is an array of work
// objects; kind "profile": data.works), one entry per work.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::bibtex {

// Text for a braced BibTeX field: # $ % & _ escaped with a backslash, ~ ^ \ { } as their
// \text… commands (a backslash-escaped brace still counts in BibTeX's brace matching, so an
// unmatched one would end the field), line breaks and tabs as spaces. Non-ASCII stays UTF-8,
// which biblatex with biber reads as it is; ill-formed UTF-8 becomes U+FFFD.
std::string escaped(std::string_view text);

// A title, escaped, with the words that hold a capital after their first letter (CTR, CO2,
// iPhone, GaN) braced so that styles which lowercase titles leave them alone. Other words are
// not protected: a style that sentence-cases titles should, and bracing whole titles
// would stop it.
std::string title(std::string_view text);

// ASCII letters and digits of `text`, lowercase: Latin letters lose their accents (é → e,
// ß → ss, ł → l), everything else becomes a space.
std::string folded(std::string_view text);

// Citation keys for the works, in order: family name of the first author, year and first
// significant title word ("zheng2023pipes"); keys that come out alike all get a, b, c… in the
// order of the works.
std::vector<std::string> keys(const std::vector<const sdk::Value*>& works);

// The entries, separated by blank lines.
std::string entries(const std::vector<const sdk::Value*>& works);

// "bibtex" or "bib" → entries() of the document's works; other formats, and a document
// without a works array, throw std::invalid_argument.
std::string render(const sdk::Document& document, std::string_view format);

}  // namespace bzpeer::bibtex
