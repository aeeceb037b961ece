# The pupil views: current plan, best-endeavours history, register entry. Sources added to
# `projections`, and their fold tests.
target_sources(projections PRIVATE
  current_plan.cc
  best_endeavours_history.cc
  best_endeavours_history_cycle.cc
  register_entry.cc)

endeavour_test(current_plan_test SOURCES current_plan_test.cc LIBS projections)
endeavour_test(best_endeavours_history_test
  SOURCES best_endeavours_history_test.cc LIBS projections)
endeavour_test(register_entry_test SOURCES register_entry_test.cc LIBS projections)
