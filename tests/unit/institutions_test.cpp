// Affiliations as printed, grouped into the organisations they name. The strings are real:
// Crossref's work 10.1136/jclinpath-2020-206745 and the arXiv fixtures, and the spellings of one
// department a physics profile shows.
#include "bzpeer/graph/institutions.hpp"

#include <gtest/gtest.h>

namespace bzpeer::graph {
namespace {

std::string key(std::string_view printed) { return organisation_of(printed).key; }

TEST(Institutions, TheSpellingsOfOneDepartmentAreOneInstitution) {
    const char* spellings[] = {
        "Department of Physics, University of Vermont, Burlington, VT 05405, USA",
        "Dept. of Physics and Astronomy, Univ. of Vermont",
        "University of Vermont",
        "The University of Vermont, Burlington VT",
        "Department of Physics, University of Vermont",
    };
    for (const char* s : spellings) EXPECT_EQ(key(s), "university of vermont") << s;
    EXPECT_EQ(organisation_of(spellings[1]).name, "Univ. of Vermont");
}

TEST(Institutions, TheOrganisationIsThePartThatNamesOne) {
    EXPECT_EQ(
        organisation_of("Department of Neurosurgery, China-Japan Friendship Hospital, Beijing, China").name,
        "China-Japan Friendship Hospital");
    EXPECT_EQ(
        organisation_of("Division of Diagnostic for Non-infectious Disease, National Institutes for Food and "
                        "Drug Control, Beijing, China")
            .name,
        "National Institutes for Food and Drug Control");
    EXPECT_EQ(organisation_of("R&D Center, Geneplus-Beijing Institute, Beijing, China").name,
              "Geneplus-Beijing Institute");
    // A company is the organisation beside its R&D centre; its legal form is not part of its key.
    EXPECT_EQ(organisation_of("R&D Center, Amoy Diagnostics Co., Ltd, Xiamen, China").name,
              "Amoy Diagnostics Co");
    EXPECT_EQ(key("R&D Center, Amoy Diagnostics Co., Ltd, Xiamen, China"), key("Amoy Diagnostics Co. Ltd."));
    EXPECT_EQ(organisation_of("Warsaw University Observatory").name, "Warsaw University Observatory");
}

TEST(Institutions, WithoutAnOrganisationWordTheFirstPartIsTheName) {
    EXPECT_EQ(organisation_of("The Supernova Cosmology Project").key, "supernova cosmology project");
    EXPECT_EQ(organisation_of("Ohio State").name, "Ohio State");
    EXPECT_EQ(organisation_of(" , ; ").key, "");
}

TEST(Institutions, DifferentOrganisationsStayApart) {
    EXPECT_NE(key("Department of Physics, University of Vermont"),
              key("Department of Physics, University of Toronto"));
    EXPECT_NE(key("Harvard Medical School, Boston"), key("Harvard University, Cambridge"));
}

}  // namespace
}  // namespace bzpeer::graph
