#include "clients/report/footer.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "clients/report/labels.h"

namespace endeavour::report {

std::string Hex(const std::string& bytes) { return absl::BytesToHexString(bytes); }

std::vector<Text> FooterLines(const Provenance& provenance, const std::string& school,
                              uint64_t view_position) {
  std::vector<Text> lines;
  lines.push_back(Text()
                      .Strong("Made ")
                      .Plain(TimeText(provenance.made_at))
                      .Plain(school.empty() ? "" : absl::StrCat(" for ", school))
                      .Plain(" by the endeavour client from the Endeavour evidence ledger."));
  Text position =
      Text()
          .Strong("Log position: ")
          .Plain(absl::StrCat("the view reflects every event of the log up to position ",
                              view_position));
  position.Plain(provenance.as_of.empty() ? ", as the record stands."
                                          : absl::StrCat(", as of ", provenance.as_of, "."));
  lines.push_back(std::move(position));
  if (provenance.tree_size > 0) {
    lines.push_back(
        Text()
            .Strong("Merkle tree head when made: ")
            .Plain(absl::StrCat("size ", provenance.tree_size, ", root (SHA-256, RFC 6962) "))
            .Code(Hex(provenance.root_hash)));
    lines.push_back(
        Text("A change to any event of the log up to this size, the ones this report was made "
             "from included, would change this root."));
  } else {
    lines.push_back(
        Text()
            .Strong("Merkle tree head: ")
            .Plain(provenance.tree_head_note.empty() ? "not read." : provenance.tree_head_note));
  }
  return lines;
}

}  // namespace endeavour::report
