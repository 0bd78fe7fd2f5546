// A test shared library that loads fine but is no bzpeer plugin: it exports one unrelated
// function and neither bzpeer_plugin_descriptor nor bzpeer_plugin_create.
extern "C" __attribute__((visibility("default"))) int bzpeer_test_unrelated_answer(int x) { return x + 42; }
