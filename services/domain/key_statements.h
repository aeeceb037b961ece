// The whole-school SEND self-evaluation tool (seed 001): its seven sections, their key statements
// word for word as the rating pages give them, the 0-10 rating scale, and the three evidence bands.
// This is the one place in the code that lists them.
//
// The sections come in the order of v1::SelfEvaluationSection, which is the order the tool's
// instructions name them; the tool's own pages put "efficient use of resources" fifth, before
// assessment and identification. Key statements are numbered from 1 within their section:
// 7, 7, 7, 7, 5, 5 and 7 in enum order (45 in all).
#ifndef ENDEAVOUR_SERVICES_DOMAIN_KEY_STATEMENTS_H_
#define ENDEAVOUR_SERVICES_DOMAIN_KEY_STATEMENTS_H_

#include <span>
#include <string_view>

#include "endeavour/v1/send_codes.pb.h"

namespace endeavour::domain {

struct KeyStatement {
  // 1, 2, 3, ... within its section, as the tool numbers it.
  int number;
  // The statement as the rating page words it.
  std::string_view text;
};

struct Section {
  endeavour::v1::SelfEvaluationSection id;
  // The heading of the section's pages, e.g. "Leadership of SEND".
  std::string_view title;
  std::span<const KeyStatement> statements;
};

// The seven sections, in enum order. Static data: the spans never dangle.
std::span<const Section> SelfEvaluationSections();

// The section `id`, or nullptr for SELF_EVALUATION_SECTION_UNSPECIFIED or a value not in the tool.
const Section* FindSection(endeavour::v1::SelfEvaluationSection id);

// Key statement `number` of `section`, or nullptr when the section has no such statement.
const KeyStatement* FindKeyStatement(endeavour::v1::SelfEvaluationSection section, int number);

// The rating scale. 0 means "inappropriate or inapplicable to our setting": it is left out of
// averages and of the lines of the "join the dots" chart.
inline constexpr int kNotApplicable = 0;
inline constexpr int kLowestRating = 0;
inline constexpr int kHighestRating = 10;

// One described point (or range) of the scale: 0, 1, 3, 5, 7 and 8-10. The tool describes no
// other value; 2, 4 and 6 sit between two descriptions.
struct RatingLevel {
  int from;
  int to;
  std::string_view meaning;
};
std::span<const RatingLevel> RatingScale();

// The description whose range holds `rating`, or nullptr for 2, 4, 6 and values outside 0-10.
const RatingLevel* DescribedLevel(int rating);

// The evidence pages sort a statement by its rating into three bands.
enum class EvidenceBand {
  kNotYetAddressed,         // rating 0-3: has not been addressed yet
  kBeingAddressed,          // rating 4-6: is being addressed in improvement planning
  kStrategicallyAddressed,  // rating 7-10: strategically addressed, clear evidence of impact
};

// The band of a rating from 0 to 10, as the evidence pages draw it; 0 falls in the lowest band
// there, so a view that leaves "not applicable" out must check for kNotApplicable first. Values
// below 0 count as the lowest band and above 10 as the highest.
EvidenceBand BandOf(int rating);

// "has not been addressed yet", "is being addressed in improvement planning", "strategically
// addressed - clear evidence of impact".
std::string_view EvidenceBandName(EvidenceBand band);

}  // namespace endeavour::domain

#endif  // ENDEAVOUR_SERVICES_DOMAIN_KEY_STATEMENTS_H_
