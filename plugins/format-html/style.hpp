// The page's stylesheet, inlined into <style>: system fonts only, so nothing is fetched.
#pragma once

namespace bzpeer::html {

inline constexpr const char* kStylesheet = R"css(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f7f8fa;
       color: #1a202c; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 1.5rem 2rem 3rem; background: #fff; }
h1 { margin: 0 0 .5rem; font-size: 1.8rem; }
h2 { margin-top: 2rem; border-bottom: 1px solid #e2e8f0; padding-bottom: .25rem; font-size: 1.3rem; }
h3 { font-size: 1.05rem; }
dl.fields { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; margin: .5rem 0; }
dl.fields dt { font-weight: 600; color: #4a5568; }
dl.fields dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0; }
th, td { border-bottom: 1px solid #e2e8f0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #edf2f7; }
tbody tr:nth-child(even) { background: #fafbfc; }
a { color: #2b6cb0; }
figure { margin: 1rem 0; }
figcaption { font-size: .85rem; color: #4a5568; }
svg { max-width: 100%; height: auto; }
svg.year-chart .bar { fill: #4a7ab5; }
svg.year-chart .axis { stroke: #718096; }
svg.year-chart text { font-size: 11px; text-anchor: middle; fill: #2d3748; font-family: system-ui, sans-serif; }
p.note { background: #fffbea; border-left: 4px solid #d69e2e; padding: .4rem .75rem; }
)css";

}  // namespace bzpeer::html
