// End-to-end tests of working together: `suggest`, `invite` (drafts read back by python's
// email parser; sending to a loopback SMTP server the test starts) and `invitations`.
//
// `bzpeer claim` is being written alongside this; until it lands the tests give the user a
// claim with tests/consumers/insert_claim.py, a row in the `claims` table like the one
// `claim` records.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <simdjson.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <deque>
#include <set>
#include <string>
#include <thread>

#include "cli_harness.hpp"

namespace bzpeer::cli_test {
namespace {

const std::string kUser = "Zoë Ångström";
const std::string kEmail = "zoe@example.org";

// A loopback port nobody listens on: bound, read and closed again.
int closed_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

// The lines "- X..." of one "## Title" section of the invitation's markdown body.
std::vector<std::string> section_items(const std::string& body, const std::string& title) {
    std::vector<std::string> items;
    bool inside = false;
    for (const auto& line : split_lines(body)) {
        if (line.rfind("## ", 0) == 0)
            inside = line == "## " + title;
        else if (inside && line.rfind("- ", 0) == 0)
            items.push_back(line.substr(2));
    }
    return items;
}

class InviteTest : public CliTest {
protected:
    // One parser per document, so that every element read stays valid for the whole test.
    std::deque<simdjson::dom::parser> parsers_;

    element json(const RunResult& r) {
        EXPECT_EQ(r.exit_code, 0) << r.describe();
        return parsers_.emplace_back().parse(r.out);
    }

    std::set<std::string> collaborator_ids(const std::string& person) {
        simdjson::dom::parser parser;
        std::set<std::string> ids;
        for (auto c : parser.parse(run({"collaborators", person, "--format", "json"}).out).get_array())
            ids.insert(str(c["id"]));
        return ids;
    }

    std::set<std::string> collaborator_names(const std::string& person) {
        simdjson::dom::parser parser;
        std::set<std::string> names;
        for (auto c : parser.parse(run({"collaborators", person, "--format", "json"}).out).get_array())
            names.insert(str(c["name"]));
        return names;
    }

    // Every arXiv category of the person's works, from `works PERSON --format json`.
    std::set<std::string> categories(const std::string& person) {
        simdjson::dom::parser parser;
        std::set<std::string> codes;
        for (auto w : parser.parse(run({"works", person, "--format", "json"}).out).get_array())
            for (const auto& c : strings(w["categories"])) codes.insert(c);
        return codes;
    }

    void configure_user() {
        const std::vector<std::pair<std::string, std::string>> settings = {{"user.name", kUser},
                                                                           {"user.email", kEmail}};
        for (const auto& [key, value] : settings) {
            auto r = run({"config", "set", key, value});
            ASSERT_EQ(r.exit_code, 0) << r.describe();
        }
    }

    // Stands in for `bzpeer claim`: the configured user claims `person` ("p:N").
    void claim(const std::string& person) {
        capture("python3 -B " + shell_quote(consumer_script("insert_claim.py")) + " " +
                shell_quote(db_.string()) + " " + shell_quote(kUser) + " " + shell_quote(kEmail) + " " +
                person.substr(2) + " 0000-0002-1825-0097");
    }

    // What python's email parser reads in a message file.
    std::string read_eml(const fs::path& file) {
        return capture("python3 -B " + shell_quote(consumer_script("read_eml.py")) + " " +
                       shell_quote(file.string()));
    }

    // The dev-set feed, the busiest Bo Zheng claimed by the configured user, and the strongest
    // suggestion for them that has mutual collaborators: the person to invite.
    void prepare(std::string& sender, std::string& invitee) {
        ASSERT_NO_FATAL_FAILURE(init());
        auto r = run({"import", "arxiv", "--file", fixture("devset/bo_zheng_6_people.xml").string()});
        ASSERT_EQ(r.exit_code, 0) << r.describe();
        ASSERT_NO_FATAL_FAILURE(configure_user());
        sender = busiest("Bo Zheng");
        ASSERT_FALSE(sender.empty());
        for (auto s : json(run({"suggest", sender, "--format", "json"})).get_array())
            if (length(s["mutual_collaborators"]) > 0) {
                invitee = str(s["id"]);
                break;
            }
        ASSERT_FALSE(invitee.empty()) << "someone two co-author hops from " << sender;
    }

    // Starts the loopback SMTP server in the background; returns its port.
    int start_smtp_sink(const fs::path& prefix) {
        auto port_file = dir_ / "smtp.port";
        std::system(("python3 -B " + shell_quote(consumer_script("smtp_sink.py")) + " " +
                     shell_quote(port_file.string()) + " " + shell_quote(prefix.string()) + " 30 &")
                        .c_str());
        for (int i = 0; i < 200 && !fs::exists(port_file); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return std::stoi(read_file(port_file));
    }
};

TEST_F(InviteTest, SuggestListsPeopleTwoHopsAwayWithReasonsAndNoCollaborators) {
    ASSERT_NO_FATAL_FAILURE(init());
    auto r = run({"import", "arxiv", "--file", fixture("devset/bo_zheng_6_people.xml").string()});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    auto person = busiest("Bo Zheng");
    auto mine = collaborator_ids(person);
    ASSERT_FALSE(mine.empty());

    auto list = json(run({"suggest", person, "--format", "json"}));
    ASSERT_GT(length(list), 0u);
    std::size_t two_hops = 0;
    double last_score = 1e9;
    std::int64_t rank = 0;
    for (auto s : list.get_array()) {
        auto id = str(s["id"]);
        EXPECT_NE(id, person);
        EXPECT_FALSE(mine.count(id)) << id << " already works with " << person;
        EXPECT_EQ(num(s["rank"]), ++rank);
        double score = double(s["score"]);
        EXPECT_LE(score, last_score) << "ranked by score";
        last_score = score;
        auto reason = str(s["reason"]);
        EXPECT_FALSE(reason.empty());
        element mutual = s["mutual_collaborators"];
        if (length(mutual) > 0) {
            ++two_hops;
            EXPECT_TRUE(contains(reason, std::to_string(length(mutual)) + " mutual collaborator")) << reason;
            auto theirs = collaborator_ids(id);
            for (auto m : mutual.get_array()) {
                auto middle = str(m["id"]);
                EXPECT_TRUE(mine.count(middle)) << middle << " is not " << person << "'s collaborator";
                EXPECT_TRUE(theirs.count(middle)) << middle << " is not " << id << "'s collaborator";
            }
            EXPECT_TRUE(contains(reason, str(mutual.at(0)["name"]))) << reason;
        }
        auto topics = strings(s["shared_topics"]);
        if (!topics.empty()) EXPECT_TRUE(contains(reason, "shares " + topics.front())) << reason;
    }
    EXPECT_GT(two_hops, 0u) << "someone two co-author hops away";

    auto limited = json(run({"suggest", person, "--limit", "2", "--format", "json"}));
    EXPECT_EQ(length(limited), std::min<std::size_t>(2, length(list)));
}

TEST_F(InviteTest, InviteIsRefusedWithoutAClaimedProfile) {
    std::string sender, invitee;
    ASSERT_NO_FATAL_FAILURE(prepare(sender, invitee));
    auto r = run({"invite", invitee, "--output", "invite.eml"});
    EXPECT_EQ(r.exit_code, 1) << r.describe();
    ASSERT_EQ(r.err_lines().size(), 1u) << r.describe();
    EXPECT_TRUE(contains(r.err, "bzpeer claim")) << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "invite.eml"));
    EXPECT_EQ(length(json(run({"invitations", "--format", "json"}))), 0u) << "nothing recorded";
}

TEST_F(InviteTest, ADraftIsAMessageMailProgramsReadStatingTheFit) {
    std::string sender, invitee;
    ASSERT_NO_FATAL_FAILURE(prepare(sender, invitee));
    ASSERT_NO_FATAL_FAILURE(claim(sender));
    auto r = run({"invite", invitee, "--to", "ada@example.org", "--message", "Grüße — shall we?", "--output",
                  "invite.eml"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_EQ(r.out, "");

    auto mail = json(RunResult{0, read_eml(dir_ / "invite.eml")});
    EXPECT_EQ(strings(mail["defects"]).size(), 0u);
    EXPECT_EQ(str(mail["from_name"]), kUser);
    EXPECT_EQ(str(mail["from_address"]), kEmail);
    EXPECT_EQ(str(mail["to_address"]), "ada@example.org");
    auto sender_name = str(json(run({"profile", sender, "--format", "json"}))["name"]);
    EXPECT_EQ(str(mail["subject"]), "An invitation to collaborate, from " + sender_name);
    EXPECT_EQ(str(mail["content_type"]), "text/plain");
    EXPECT_EQ(str(mail["charset"]), "utf-8");
    EXPECT_EQ(str(mail["mime_version"]), "1.0");
    EXPECT_FALSE(str(mail["date"]).empty());
    EXPECT_TRUE(contains(str(mail["message_id"]), "@example.org>"));

    auto body = str(mail["body"]);
    EXPECT_TRUE(contains(body, "Grüße — shall we?")) << body;

    // Shared topics: the categories both have works in, from each one's works list.
    auto mine = categories(sender), theirs = categories(invitee);
    std::set<std::string> both;
    for (const auto& c : mine)
        if (theirs.count(c)) both.insert(c);
    std::set<std::string> stated;
    for (const auto& item : section_items(body, "Topics we share"))
        stated.insert(item.substr(0, item.find(' ')));
    if (both.size() <= 5)
        EXPECT_EQ(stated, both) << body;
    else
        for (const auto& code : stated) EXPECT_TRUE(both.count(code)) << code;

    // Mutual collaborators: those both collaborator lists name.
    auto theirs_named = collaborator_names(invitee);
    std::set<std::string> mutual;
    for (const auto& n : collaborator_names(sender))
        if (theirs_named.count(n)) mutual.insert(n);
    ASSERT_FALSE(mutual.empty());
    std::set<std::string> listed;
    for (const auto& item : section_items(body, "Mutual collaborators"))
        listed.insert(item.substr(0, item.find(": ")));
    EXPECT_EQ(listed, mutual) << body;

    // Recent related works of both: a title, year and id each, from their works lists.
    auto works = section_items(body, "Recent related works");
    ASSERT_FALSE(works.empty()) << body;
    simdjson::dom::parser parser;
    auto sender_works = parser.parse(run({"works", sender, "--format", "json"}).out);
    bool found = false;
    for (auto w : sender_works.get_array())
        if (contains(body, "*" + str(w["title"]) + "*")) found = true;
    EXPECT_TRUE(found) << body;

    auto list = json(run({"invitations", "--format", "json"}));
    ASSERT_EQ(length(list), 1u);
    EXPECT_EQ(str(list.at(0)["status"]), "draft");
    EXPECT_EQ(str(list.at(0)["person"]), invitee);
    EXPECT_EQ(str(list.at(0)["email"]), "ada@example.org");

    // Without --output the message goes to stdout.
    auto printed = run({"invite", invitee});
    ASSERT_EQ(printed.exit_code, 0) << printed.describe();
    EXPECT_EQ(printed.out.rfind("From: ", 0), 0u) << printed.out;
    EXPECT_FALSE(contains(printed.out, "\nTo:")) << "a draft without --to has no To: header";
}

TEST_F(InviteTest, SendDeliversTheMessageIntactToTheSmtpServer) {
    std::string sender, invitee;
    ASSERT_NO_FATAL_FAILURE(prepare(sender, invitee));
    ASSERT_NO_FATAL_FAILURE(claim(sender));
    auto received = dir_ / "received";
    int port = start_smtp_sink(received);
    ASSERT_EQ(run({"config", "set", "smtp.url", "smtp://127.0.0.1:" + std::to_string(port)}).exit_code, 0);

    auto r = run({"invite", invitee, "--to", "ada@example.org", "--message", "Ünïcode survives.", "--send",
                  "--output", "sent.eml"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    ASSERT_TRUE(fs::exists(received.string() + ".eml")) << r.describe();

    simdjson::dom::parser envelope_parser;
    auto envelope = envelope_parser.parse(read_file(received.string() + ".json"));
    EXPECT_EQ(str(envelope["mail_from"]), kEmail);
    EXPECT_EQ(strings(envelope["rcpt_to"]), std::vector<std::string>{"ada@example.org"});

    simdjson::dom::parser a, b;
    auto got = a.parse(read_eml(received.string() + ".eml"));
    auto kept = b.parse(read_eml(dir_ / "sent.eml"));
    EXPECT_EQ(strings(got["defects"]).size(), 0u);
    for (const char* field : {"subject", "from_name", "from_address", "to_address", "message_id", "body"})
        EXPECT_EQ(str(got[field]), str(kept[field])) << field;
    EXPECT_TRUE(contains(str(got["body"]), "Ünïcode survives.")) << str(got["body"]);
    EXPECT_EQ(read_file(received.string() + ".eml"), read_file(dir_ / "sent.eml")) << "byte for byte";

    auto list = json(run({"invitations", "--format", "json"}));
    ASSERT_EQ(length(list), 1u);
    EXPECT_EQ(str(list.at(0)["status"]), "sent");
    EXPECT_FALSE(list.at(0)["sent_at"].is_null());
}

TEST_F(InviteTest, SendToAClosedPortFailsInOneLineAndIsRecordedAsFailed) {
    std::string sender, invitee;
    ASSERT_NO_FATAL_FAILURE(prepare(sender, invitee));
    ASSERT_NO_FATAL_FAILURE(claim(sender));
    ASSERT_EQ(
        run({"config", "set", "smtp.url", "smtp://127.0.0.1:" + std::to_string(closed_port())}).exit_code, 0);

    auto r = run({"invite", invitee, "--to", "ada@example.org", "--send"});
    EXPECT_EQ(r.exit_code, 1) << r.describe();
    ASSERT_EQ(r.err_lines().size(), 1u) << r.describe();
    EXPECT_TRUE(contains(r.err, "not sent")) << r.err;
    EXPECT_EQ(r.out, "");

    auto list = json(run({"invitations", "--format", "json"}));
    ASSERT_EQ(length(list), 1u);
    EXPECT_EQ(str(list.at(0)["status"]), "failed");
    EXPECT_FALSE(str(list.at(0)["error"]).empty());
}

TEST_F(InviteTest, SendNeedsAnAddressAndAServer) {
    std::string sender, invitee;
    ASSERT_NO_FATAL_FAILURE(prepare(sender, invitee));
    ASSERT_NO_FATAL_FAILURE(claim(sender));
    auto no_to = run({"invite", invitee, "--send"});
    EXPECT_EQ(no_to.exit_code, 2) << no_to.describe();
    auto no_server = run({"invite", invitee, "--to", "ada@example.org", "--send"});
    EXPECT_EQ(no_server.exit_code, 2) << no_server.describe();
    EXPECT_TRUE(contains(no_server.err, "smtp.url")) << no_server.err;
    EXPECT_EQ(length(json(run({"invitations", "--format", "json"}))), 0u);
}

}  // namespace
}  // namespace bzpeer::cli_test
