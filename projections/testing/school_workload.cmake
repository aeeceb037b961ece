# A deterministic generator of realistic school records, for benchmarks, crash tests and the demo
# school (testing/school_workload.h). Included from projections/CMakeLists.txt: paths are relative
# to projections/.
add_library(school_workload STATIC
  testing/school_workload.cc
  testing/school_workload_catalog.cc
  testing/school_workload_pupil.cc
  testing/school_workload_review.cc)
target_include_directories(school_workload PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(school_workload PUBLIC domain endeavour_proto absl::strings)
endeavour_test(school_workload_test SOURCES testing/school_workload_test.cc LIBS school_workload)
