// How a fact's history is shown beside it, and the facts that stand on their own: needs, advice,
// EHC needs assessment requests.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/report/history_parts.h"
#include "clients/report/labels.h"

namespace endeavour::report {
namespace {

Text CorrectionText(const v1::CorrectionShown& correction) {
  Text text = Text()
                  .Flag("CORRECTED")
                  .Plain(absl::StrCat("The correction was ", SourceText(correction.source()), "."));
  if (!correction.reason().empty()) text.Plain(" Reason: ").Emphasis(Sentence(correction.reason()));
  for (const v1::FieldChange& change : correction.changes()) {
    text.Plain("\n").Strong(absl::StrCat(change.field(), ": "));
    text.Struck(change.before().empty() ? "(empty)" : change.before());
    text.Plain(" → ").Plain(change.after().empty() ? "(empty)" : change.after());
  }
  return text;
}

Text RetractionText(const v1::FactTrail& trail) {
  Text text = Text()
                  .Flag("RETRACTED")
                  .Plain(absl::StrCat("Withdrawn as recorded in error; the retraction was ",
                                      SourceText(trail.retracted_by()), "."));
  if (!trail.retraction_reason().empty()) {
    text.Plain(" Reason: ").Emphasis(Sentence(trail.retraction_reason()));
  }
  text.Plain(" It is left out of every figure.");
  return text;
}

}  // namespace

Text AsShown(const Text& text, bool retracted) { return retracted ? text.StruckThrough() : text; }

Text TrailFlags(const v1::FactTrail& trail) {
  Text flags;
  if (trail.retracted()) flags.Flag("RETRACTED");
  if (trail.corrections_size() > 0) flags.Flag("CORRECTED");
  return flags;
}

void AddTrail(const v1::FactTrail& trail, Document& document) {
  if (trail.corrections_size() > 0) {
    BulletList corrections{.tone = Tone::kCorrection};
    for (const v1::CorrectionShown& c : trail.corrections()) {
      corrections.items.push_back(CorrectionText(c));
    }
    document.Add(std::move(corrections));
  }
  if (trail.retracted()) {
    document.Add(Paragraph{.text = RetractionText(trail), .tone = Tone::kRetracted});
  }
}

void AddTrail(const std::string& what, const v1::FactTrail& trail, Document& document) {
  if (trail.corrections_size() == 0 && !trail.retracted()) return;
  document.Add(Paragraph{.text = Text().Strong(absl::StrCat(what, ":")), .tone = Tone::kNote});
  AddTrail(trail, document);
}

void AddNeed(const v1::NeedShown& need, Document& document) {
  const v1::NeedIdentified& n = need.current();
  const bool retracted = need.trail().retracted();
  Text title = TrailFlags(need.trail());
  title.Append(
      AsShown(Text()
                  .Strong(absl::StrCat(AreaText(n.area()), ": ", CensusText(n.census_type()), ", ",
                                       RankText(n.rank())))
                  .Plain(" (")
                  .Code(n.need_id())
                  .Plain(")"),
              retracted));
  document.Add(Paragraph{.text = std::move(title)});
  Fields fields;
  fields.entries.push_back({"Identified on", AsShown(DateText(n.identified_on()), retracted)});
  fields.entries.push_back({"Parents", AsShown(AgreementText(n.parents_agree()), retracted)});
  fields.entries.push_back(
      {"Other professionals", AsShown(AgreementText(n.professionals_agree()), retracted)});
  if (!n.views().empty()) fields.entries.push_back({"Views", AsShown(n.views(), retracted)});
  if (!n.replaces_need_id().empty()) {
    fields.entries.push_back({"Replaces as primary", Text().Code(n.replaces_need_id())});
  }
  if (!need.replaced_by_need_id().empty()) {
    fields.entries.push_back(
        {"Later replaced as primary by", Text().Code(need.replaced_by_need_id())});
  }
  if (!retracted) {
    fields.entries.push_back({"Still stands", need.standing()
                                                  ? Text("Yes")
                                                  : Text("No: no longer part of the profile")});
  }
  fields.entries.push_back({"Recorded", SourceText(need.trail().source())});
  document.Add(std::move(fields));
  if (n.evidence_size() > 0) {
    BulletList evidence;
    for (const v1::Evidence& e : n.evidence()) {
      evidence.items.push_back(AsShown(
          Text()
              .Strong(absl::StrCat(EvidenceKindText(e.kind()), ", ", DateText(e.dated()), ": "))
              .Plain(e.summary()),
          retracted));
    }
    document.Add(Paragraph{.text = Text().Emphasis("What the identification rests on:")});
    document.Add(std::move(evidence));
  }
  AddTrail(need.trail(), document);
}

void AddAdvice(const v1::AdviceShown& advice, Document& document) {
  const v1::ExternalAdviceRequested& request = advice.current();
  const bool retracted = advice.trail().retracted();
  Text title = TrailFlags(advice.trail());
  title.Append(
      AsShown(Text()
                  .Strong(absl::StrCat(ServiceText(request.service()), ": advice requested on ",
                                       DateText(request.requested_on())))
                  .Plain(" (")
                  .Code(request.request_id())
                  .Plain(")"),
              retracted));
  document.Add(Paragraph{.text = std::move(title)});
  Fields fields;
  fields.entries.push_back({"Question", AsShown(request.question(), retracted)});
  fields.entries.push_back({"Recorded", SourceText(advice.trail().source())});
  document.Add(std::move(fields));
  AddTrail(advice.trail(), document);
  if (!advice.has_received()) {
    document.Add(Paragraph{.text = "No advice received yet.", .tone = Tone::kNote});
    return;
  }
  const v1::AdviceReceivedShown& received = advice.received();
  const bool received_retracted = received.trail().retracted();
  const v1::ExternalAdviceReceived& r = received.current();
  Fields answer;
  answer.entries.push_back(
      {"Advice received",
       AsShown(Text()
                   .Append(TrailFlags(received.trail()))
                   .Plain(absl::StrCat(DateText(r.received_on()), " from ", r.advised_by())),
               received_retracted)});
  answer.entries.push_back({"Summary", AsShown(r.summary(), received_retracted)});
  if (r.recommendations_size() > 0) {
    answer.entries.push_back(
        {"Recommendations", AsShown(absl::StrJoin(r.recommendations(), "\n"), received_retracted)});
  }
  answer.entries.push_back({"Recorded", SourceText(received.trail().source())});
  document.Add(std::move(answer));
  AddTrail(received.trail(), document);
}

void AddEhcRequest(const v1::EhcRequestShown& request, Document& document) {
  const v1::EhcNeedsAssessmentRequested& r = request.current();
  const bool retracted = request.trail().retracted();
  Text title = TrailFlags(request.trail());
  title.Append(AsShown(
      Text()
          .Strong(absl::StrCat("EHC needs assessment requested on ", DateText(r.requested_on()),
                               " by ", RequesterText(r.requested_by())))
          .Plain(" (")
          .Code(r.request_id())
          .Plain(")"),
      retracted));
  document.Add(Paragraph{.text = std::move(title)});
  Fields fields;
  fields.entries.push_back(
      {"Relevant and purposeful action so far", AsShown(r.evidence_summary(), retracted)});
  fields.entries.push_back({"Recorded", SourceText(request.trail().source())});
  document.Add(std::move(fields));
  AddTrail(request.trail(), document);
}

}  // namespace endeavour::report
