#include "services/domain/key_statements.h"

namespace endeavour::domain {
namespace {

namespace v1 = endeavour::v1;

// The key statements as the rating pages of seed 001 word them. The evidence pages repeat them
// with small differences (see key_statements_test.cc for the ones worth knowing); the rating
// pages are what a school rates against, so they are the wording kept here.
constexpr KeyStatement kOutcomes[] = {
    {1,
     "From their different starting points, the proportions of pupils with SEND making their "
     "expected progress and the proportions exceeding their expected progress, in English and in "
     "mathematics, are close to or above National benchmark or comparative school figures. Both "
     "internal and national data sets are used to evidence this."},
    {2,
     "School systems promote parent and carer contributions to maximise outcomes for pupils with "
     "SEND."},
    {3,
     "Progress for pupils with SEND, across year groups, in a wide range of subjects is "
     "consistently strong and evidence in their work indicates that they achieve well."},
    {4,
     "Pupils with SEND develop and apply a wide range of skills, in reading, writing, "
     "communication and mathematics effectively."},
    {5,
     "The school is engaging with a range of methodologies to prepare pupils with SEND for the "
     "next stage in their education, training or employment. This is evidenced by the tracked "
     "outcomes following transition and their destination data."},
    {6,
     "The school uses a range of data to identify barriers to learning. This includes monitoring "
     "the types, rates and patterns of bullying and levels of attendance for pupils with SEND."},
    {7,
     "Rates, patterns of and reasons for fixed-period and permanent exclusions of pupils with SEND "
     "are not disproportionate. There are no informal or unofficial exclusions."},
};

constexpr KeyStatement kLeadership[] = {
    {1,
     "The school has a clear vision for the education of all pupils with SEND at the school. The "
     "school has a culture of high aspiration for all children."},
    {2,
     "School leaders have created a culture and ethos that actively welcomes and engages parents "
     "and carers of pupils with SEND."},
    {3,
     "School leaders are knowledgeable on SEND policy and practice. The school is implementing and "
     "embedding the SEND reforms and the Equality Act effectively."},
    {4,
     "The SEND governor holds the school to account in order to have a positive impact on the "
     "outcomes of all pupils. The SEND governor has attended appropriate training in order to do "
     "this effectively."},
    {5,
     "The SENCO works closely alongside the headteacher and other senior leaders to develop a "
     "whole school response to SEND. The school ensures that all teachers are aware of their "
     "responsibilities to pupils with additional needs."},
    {6,
     "A SEND development plan with clear aims and objectives is in place. As a result, key "
     "priorities are identified correctly. Roles and responsibilities for SEND provision are "
     "clearly articulated within this plan. As a result, all teachers understand and accept they "
     "are responsible for the progress of all pupils."},
    {7,
     "The school has a successful track record of supporting the transition of pupils with SEND "
     "from specialist settings. For example, the school successfully integrates pupils with SEND "
     "from alternative provision."},
};

constexpr KeyStatement kTeachingAndLearning[] = {
    {1,
     "Senior and middle leaders with responsibility for SEND work closely alongside class teachers "
     "to support differentiation and curriculum development."},
    {2,
     "Senior leaders are involved in reviewing and helping teachers improve the quality of "
     "teaching for all pupils."},
    {3,
     "Teachers have a clear understanding of pupil need and personalised strategies are informed "
     "by parent and carer partnership. These are consistently applied throughout the school."},
    {4, "The individual needs of pupils are communicated effectively to all staff."},
    {5,
     "Teachers use assessment information to plan and differentiate lessons effectively. This "
     "includes setting homework that is matched to pupils’ individual needs."},
    {6,
     "Evidence from observations shows the teaching of interventions is considered to be "
     "consistently good or better."},
    {7,
     "Outcomes from interventions are integrated into classroom teaching and teachers capitalise "
     "on learning from interventions in whole-class and small group teaching."},
};

constexpr KeyStatement kWorkingWithParentsAndCarers[] = {
    {1, "The SEND information report provides a comprehensive summary of provision at the school."},
    {2,
     "Systems are in place to allow parents and carers to meaningfully contribute to shaping the "
     "quality of support and provision."},
    {3,
     "The school and parents work in partnership to achieve genuine co-production, for example "
     "parent/ carer forums and workshops, and structured conversations for pupils with SEND with "
     "EHC plans."},
    {4,
     "Pupils with SEND speak highly of the support they receive. Where appropriate, they are able "
     "to articulate how the support they have had from the school has made a real difference"},
    {5,
     "There are opportunities for pupils with SEND to become involved in pupil voice. For example "
     "pupils with SEND are represented on the school council."},
    {6,
     "Pupils with SEND are involved in wrap-around activities; they are supported through a "
     "variety of enrichment activities, lunchtime clubs and out of hours support."},
    {7,
     "Pupils, parents and carers are made aware of local and national services that provide "
     "impartial advice and support such as the SEND Information, Advice and Support Service "
     "(IASS)"},
};

constexpr KeyStatement kAssessmentAndIdentification[] = {
    {1,
     "Comprehensive assessment supports accurate identification of need and informs classroom "
     "practice."},
    {2,
     "The effectiveness of classroom teaching is taken into account before assuming a pupil has "
     "SEND"},
    {3,
     "The school scrutinizes behaviour, exclusion and attendance data to ensure additional "
     "learning needs are not missed"},
    {4, "The SEND register is accurate and reviewed at least termly."},
    {5,
     "Parents and carers are fully involved in discussions with the school on identification and "
     "assessment."},
};

constexpr KeyStatement kMonitoringTrackingAndEvaluation[] = {
    {1,
     "Pupils with SEND have personalized plans that are reviewed with parents and carers at least "
     "termly."},
    {2, "Interventions follow a cycle of Assess, Plan, Do, Review."},
    {3,
     "Interventions are rigorously evaluated. Adjustment to the provision is then made "
     "accordingly."},
    {4,
     "The school has a good understanding of how pupils with SEND achieve with individual teachers "
     "and across subjects."},
    {5, "The SENCO uses externally validated data to inform the planning of interventions."},
};

constexpr KeyStatement kEfficientUseOfResources[] = {
    {1,
     "SEND has a high profile in staff continued professional development and learning. Staff "
     "engage in high quality continued professional development and learning to support improved "
     "pupil outcomes."},
    {2,
     "Teaching assistants receive professional reviews. Teaching assistants and support staff "
     "receive regular and high quality continued professional development and learning. This is "
     "linked to the school development plan and wider aims regarding pupil achievement and "
     "outcomes."},
    {3,
     "Deployment decisions in relation to teaching assistants and support staff are routinely "
     "reviewed and evaluated for impact."},
    {4,
     "There is a graduated approach to interventions. Class, group and individual support is "
     "balanced appropriately. Reference to the Core Standards is clear."},
    {5,
     "Interventions are evidence informed and coordinated effectively and strategically to ensure "
     "a cycle of review measures the priority being addressed. Systems are in place to support "
     "this process, for example, through the use of a provision map."},
    {6,
     "The school is appropriately staffed and resourced in order to ensure high quality provision "
     "and that pupils with SEND have their statutory needs met."},
    {7,
     "The school has developed a holistic approach to SEND and provision is responsive to the "
     "needs, development and well-being of all pupils. Outside agency support is engaged "
     "appropriately and utilised effectively"},
};

constexpr Section kSections[] = {
    {v1::SELF_EVALUATION_SECTION_OUTCOMES, "Outcomes for Pupils with SEND", kOutcomes},
    {v1::SELF_EVALUATION_SECTION_LEADERSHIP, "Leadership of SEND", kLeadership},
    {v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING,
     "Quality Teaching and Learning of pupils with SEND", kTeachingAndLearning},
    {v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS,
     "Working with Pupils and Parents/Carers of pupils with SEND", kWorkingWithParentsAndCarers},
    {v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION,
     "Assessment and identification of pupils with SEND", kAssessmentAndIdentification},
    {v1::SELF_EVALUATION_SECTION_MONITORING_TRACKING_AND_EVALUATION,
     "Monitoring, Tracking and Evaluation", kMonitoringTrackingAndEvaluation},
    {v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES,
     "The efficient use of resources to improve outcomes for SEND", kEfficientUseOfResources},
};

constexpr RatingLevel kScale[] = {
    {0, 0,
     "Inappropriate/inapplicable to our setting (please miss this out when joining the dots)"},
    {1, 1, "We do not do this/haven’t done this yet"},
    {3, 3, "Some evidence of practice (very patchy/no evidence of impact)"},
    {5, 5, "Evidence of effective practice (not consistent or widespread)"},
    {7, 7,
     "Widespread effective practice with evidence of better outcomes for children and young people "
     "with SEND as a consequence of whole school improvement measures"},
    {8, 10, "Case studies of outstanding practice to share"},
};

}  // namespace

std::span<const Section> SelfEvaluationSections() { return kSections; }

const Section* FindSection(v1::SelfEvaluationSection id) {
  for (const Section& section : kSections) {
    if (section.id == id) return &section;
  }
  return nullptr;
}

const KeyStatement* FindKeyStatement(v1::SelfEvaluationSection section, int number) {
  const Section* found = FindSection(section);
  if (found == nullptr) return nullptr;
  for (const KeyStatement& statement : found->statements) {
    if (statement.number == number) return &statement;
  }
  return nullptr;
}

std::span<const RatingLevel> RatingScale() { return kScale; }

const RatingLevel* DescribedLevel(int rating) {
  for (const RatingLevel& level : kScale) {
    if (rating >= level.from && rating <= level.to) return &level;
  }
  return nullptr;
}

EvidenceBand BandOf(int rating) {
  if (rating <= 3) return EvidenceBand::kNotYetAddressed;
  if (rating <= 6) return EvidenceBand::kBeingAddressed;
  return EvidenceBand::kStrategicallyAddressed;
}

std::string_view EvidenceBandName(EvidenceBand band) {
  switch (band) {
    case EvidenceBand::kNotYetAddressed:
      return "has not been addressed yet";
    case EvidenceBand::kBeingAddressed:
      return "is being addressed in improvement planning";
    case EvidenceBand::kStrategicallyAddressed:
      return "strategically addressed - clear evidence of impact";
  }
  return "";
}

}  // namespace endeavour::domain
