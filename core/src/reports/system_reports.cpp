// Reports about bzpeer itself rather than the research graph: plugins and configuration.
#include <fmt/format.h>

#include "base/table_document.hpp"
#include "bzpeer/reports/reports.hpp"

namespace bzpeer {

sdk::Document plugins_report(const PluginHost& host) {
    auto doc = table_document("Plugins", {"name", "kind", "version", "status", "provides", "file", "reason"});
    auto& rows = doc.blocks.back().table.rows;
    for (const auto& info : host.plugins()) {
        std::string provides;
        for (const auto& f : info.formats) provides += (provides.empty() ? "" : ",") + f;
        for (const auto& o : info.options) provides += (provides.empty() ? "--" : ",--") + o.name;
        std::string status = info.loaded ? "loaded" : "rejected";
        sdk::Value item = sdk::Value::object();
        item.set("name", info.name);
        item.set("kind", info.kind);
        item.set("version", info.version);
        item.set("status", status);
        item.set("file", info.file.string());
        item.set("reason", info.reason);
        sdk::Value formats = sdk::Value::array();
        for (const auto& f : info.formats) formats.push(f);
        item.set("formats", std::move(formats));
        sdk::Value options = sdk::Value::array();
        for (const auto& o : info.options) options.push(o.name);
        item.set("options", std::move(options));
        doc.data.push(std::move(item));
        rows.push_back(
            {info.name, info.kind, info.version, status, provides, info.file.string(), info.reason});
    }
    return doc;
}

sdk::Document formats_report(const PluginHost& host) {
    auto doc = table_document("Formats", {"format", "plugin", "documents"});
    auto& rows = doc.blocks.back().table.rows;
    for (const auto& info : host.plugins()) {
        if (!info.loaded || info.kind != "format") continue;
        std::string kinds = fmt::format("{}", fmt::join(info.kinds, ","));
        for (const auto& format : info.formats) {
            sdk::Value item = sdk::Value::object();
            item.set("format", format);
            item.set("plugin", info.name);
            sdk::Value list = sdk::Value::array();
            for (const auto& k : info.kinds) list.push(k);
            item.set("documents", std::move(list));
            doc.data.push(std::move(item));
            rows.push_back({format, info.name, kinds});
        }
    }
    return doc;
}

sdk::Document config_report(const Config& config) {
    auto doc = table_document("Configuration", {"key", "value"});
    doc.data = sdk::Value::object();  // keyed by the configuration's keys
    auto& rows = doc.blocks.back().table.rows;
    for (const auto& key : Config::keys()) {
        std::string name(key.name);
        if (key.type == ConfigKey::Type::list) {
            sdk::Value items = sdk::Value::array();
            std::string joined;
            for (const auto& item : config.list(name)) {
                items.push(item);
                joined += (joined.empty() ? "" : ",") + item;
            }
            doc.data.set(name, std::move(items));
            rows.push_back({name, joined});
        } else if (key.type == ConfigKey::Type::count) {
            doc.data.set(name, static_cast<std::int64_t>(config.count(name)));
            rows.push_back({name, config.text(name)});
        } else if (key.type == ConfigKey::Type::number) {
            doc.data.set(name, config.number(name));
            rows.push_back({name, config.text(name)});
        } else if (key.type == ConfigKey::Type::flag) {
            doc.data.set(name, config.flag(name));
            rows.push_back({name, config.text(name)});
        } else {
            doc.data.set(name, config.text(name));
            rows.push_back({name, config.text(name)});
        }
    }
    return doc;
}

}  // namespace bzpeer
