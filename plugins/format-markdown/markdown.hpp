// GitHub-flavoured Markdown rendering of a document's blocks (its `data` is ignored).
#pragma once

#include <string>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::markdown {

// Blocks separated by one blank line, ending in exactly one newline. A non-empty title is
// emitted as `# title` unless the first block is already a heading. A document with
// nothing to show renders as "".
std::string render(const sdk::Document& document);

}  // namespace bzpeer::markdown
