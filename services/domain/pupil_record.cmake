# The pupil record aggregate: sources added to `domain`, and its tests.
target_sources(domain PRIVATE
  pupil_record.cc
  pupil_record_checks.cc
  pupil_record_correct.cc
  pupil_record_cycle_checks.cc
  pupil_record_decide.cc
  pupil_record_decide_cycle.cc)

endeavour_test(pupil_record_registration_test
  SOURCES pupil_record_registration_test.cc LIBS domain)
endeavour_test(pupil_record_need_test SOURCES pupil_record_need_test.cc LIBS domain)
endeavour_test(pupil_record_plan_test SOURCES pupil_record_plan_test.cc LIBS domain)
endeavour_test(pupil_record_session_test SOURCES pupil_record_session_test.cc LIBS domain)
endeavour_test(pupil_record_review_test SOURCES pupil_record_review_test.cc LIBS domain)
endeavour_test(pupil_record_correction_test SOURCES pupil_record_correction_test.cc LIBS domain)
endeavour_test(pupil_record_scenario_test SOURCES pupil_record_scenario_test.cc LIBS domain)
