# The school self-evaluation aggregate: sources added to `domain`, and its tests.
target_sources(domain PRIVATE key_statements.cc self_evaluation.cc)

endeavour_test(key_statements_test SOURCES key_statements_test.cc LIBS domain)
endeavour_test(self_evaluation_test SOURCES self_evaluation_test.cc LIBS domain)
endeavour_test(self_evaluation_action_test SOURCES self_evaluation_action_test.cc LIBS domain)
endeavour_test(self_evaluation_scenario_test SOURCES self_evaluation_scenario_test.cc LIBS domain)
