#!/usr/bin/python3
"""endeavourd driven by a client no one here wrote: Python with Debian's python3-grpcio.

The stubs are generated at test time from the project's .proto files (and from protos/ for the
standard health and reflection services) by the protoc that builds the C++ stubs, with gRPC's
Python plugin from the same Debian package as its C++ one. A real endeavourd runs on a loopback port; the test records Amelia's first two
Assess-Plan-Do-Review cycles through the API and reads them back through the views.

  endeavour_client_test.py --endeavourd PATH --proto-dir PROJECT/proto [unittest args]

Debian 12's python3-grpc-tools bundles protoc 3.5.1, which cannot read proto3 `optional`
(pupil_views.proto uses it), so `python3 -m grpc_tools.protoc` is not used: protoc and
grpc_python_plugin come from protobuf-compiler and protobuf-compiler-grpc instead.
"""

import argparse
import importlib
import os
import pathlib
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import unittest
import uuid

import grpc

HERE = pathlib.Path(__file__).resolve().parent
ARGS = argparse.Namespace(
    endeavourd=None,
    proto_dir=None,
    protoc=shutil.which("protoc") or "/usr/bin/protoc",
    grpc_python_plugin=shutil.which("grpc_python_plugin") or "/usr/bin/grpc_python_plugin",
)
CALL_TIMEOUT_S = 10
PUPIL = "adm-20417"


class _Package:
    """The generated modules of one proto package, read as one namespace: v1.Date, v1.Role..."""

    def __init__(self, modules):
        self._modules = modules

    def __getattr__(self, name):
        for module in self._modules:
            if hasattr(module, name):
                return getattr(module, name)
        raise AttributeError(name)


v1 = None  # endeavour.v1's messages, enums and stubs, once generated.
health = None
reflection = None


def generate_stubs(out_dir):
    """Generates the Python modules of every endeavour/v1 .proto and of protos/ into out_dir."""
    proto_dir = pathlib.Path(ARGS.proto_dir).resolve()
    own_protos = HERE / "protos"
    endeavour_files = sorted(str(p) for p in (proto_dir / "endeavour" / "v1").glob("*.proto"))
    own_files = sorted(str(p) for p in own_protos.glob("*.proto"))
    command = [
        ARGS.protoc,
        f"--plugin=protoc-gen-grpc_python={ARGS.grpc_python_plugin}",
        f"-I{proto_dir}",
        f"-I{own_protos}",
        f"--python_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        *endeavour_files,
        *own_files,
    ]
    generated = subprocess.run(command, capture_output=True, text=True)
    if generated.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{generated.stderr}")
    sys.path.insert(0, str(out_dir))
    modules = []
    for path in endeavour_files:
        name = pathlib.Path(path).stem
        modules.append(importlib.import_module(f"endeavour.v1.{name}_pb2"))
        if name == "api":
            modules.append(importlib.import_module("endeavour.v1.api_pb2_grpc"))
    global v1, health, reflection
    v1 = _Package(modules)
    health = _Package([importlib.import_module(m) for m in
                       ("grpc_health_v1_pb2", "grpc_health_v1_pb2_grpc")])
    reflection = _Package([importlib.import_module(m) for m in
                           ("grpc_reflection_v1alpha_pb2", "grpc_reflection_v1alpha_pb2_grpc")])


# ---------------------------------------------------------------------------------------------
# Amelia's record, as in services/domain/pupil_record_test_util.h.

def day(year, month, day_of_month):
    return v1.Date(year=year, month=month, day=day_of_month)


TODAY = (2026, 1, 5)
MRS_PATEL = "Mrs Patel (teaching assistant)"


def amelia():
    return v1.PupilRegistered(pupil_id=PUPIL, display_name="Amelia Hughes",
                              date_of_birth=day(2017, 5, 14), year_group=4,
                              registered_on=day(2021, 9, 6))


def reading_need():
    return v1.NeedIdentified(
        need_id="need-reading",
        area=v1.AREA_OF_NEED_COGNITION_AND_LEARNING,
        census_type=v1.CENSUS_NEED_TYPE_SPLD,
        rank=v1.NEED_RANK_PRIMARY,
        evidence=[
            v1.Evidence(kind=v1.EVIDENCE_KIND_ASSESSMENT,
                        summary="Salford sentence reading test: reading age 6y2m at "
                                "chronological age 8y4m",
                        dated=day(2025, 9, 22)),
            v1.Evidence(kind=v1.EVIDENCE_KIND_ATTAINMENT_DATA,
                        summary="Working towards the expected standard in reading and writing "
                                "since Year 2; Year 1 phonics screening 24/40",
                        dated=day(2025, 9, 19)),
            v1.Evidence(kind=v1.EVIDENCE_KIND_PARENT_VIEWS,
                        summary="Mum says Amelia avoids reading at home and gets upset at "
                                "spelling tests",
                        dated=day(2025, 9, 30)),
        ],
        parents_agree=v1.AGREEMENT_AGREES,
        professionals_agree=v1.AGREEMENT_NOT_YET_ASKED,
        views="Class teacher and parents agree that reading is the main barrier.",
        identified_on=day(2025, 10, 1))


def onto_sen_support():
    return v1.SenStatusChanged(
        from_status=v1.SEN_STATUS_NO_SEN, to_status=v1.SEN_STATUS_SEN_SUPPORT,
        decided_on=day(2025, 10, 3), parents_informed_on=day(2025, 10, 6),
        reason="Less than expected progress in reading despite quality-first teaching and "
               "differentiation; special educational provision is needed.")


def plan_outcome(outcome_id, description, criteria, how, by, target):
    return v1.PlanOutcome(outcome_id=outcome_id, description=description,
                          success_criteria=criteria, measured_how=how, measured_by=by,
                          target_date=target)


def plan_provision(provision_id, intervention, wave, per_week, minutes, group, pence):
    return v1.Provision(provision_id=provision_id, intervention=intervention, wave=wave,
                        delivered_by=MRS_PATEL, deliverer_trained=True, evidence_based=True,
                        sessions_per_week=per_week, minutes_per_session=minutes,
                        group_size=group, weekly_cost_pence=pence)


def first_plan():
    """plan-1, cycle 1: agreed 2025-10-08, reviewed by 2025-11-26."""
    return v1.PlanAgreed(
        plan_id="plan-1",
        cycle=1,
        agreed_on=day(2025, 10, 8),
        need_ids=["need-reading"],
        outcomes=[
            plan_outcome("hfw", "Reads 45 of the first 100 high-frequency words on sight",
                         "Reads 45 of 100 words correctly within one second each on two probes "
                         "in a row",
                         "One-minute precision teaching probe, charted daily", MRS_PATEL,
                         day(2025, 11, 26)),
            plan_outcome("ccvc", "Spells CVC and CCVC words with adjacent consonants",
                         "Spells 8 of 10 unseen CCVC words correctly in a weekly dictation",
                         "Weekly dictation of 10 unseen words", "Mr Okafor (class teacher)",
                         day(2025, 11, 26)),
        ],
        provisions=[
            plan_provision("pt", "Precision teaching", v1.WAVE_3, 5, 10, 1, 1250),
            plan_provision("phonics", "Little Wandle Rapid Catch-up", v1.WAVE_2, 3, 20, 4, 500),
        ],
        classroom_adjustments=[
            "Word mat of high-frequency words on her table",
            "Instructions given one step at a time and written on the board",
        ],
        participants=[
            v1.Participant(name="Sarah Hughes", role="parent",
                           views="Wants Amelia to enjoy books again; happy to read with her "
                                 "each evening."),
            v1.Participant(name="Amelia", role="pupil",
                           views="I want to read the Rainbow Magic books like my friends."),
        ],
        review_date=day(2025, 11, 26),
        training_needs=["Mrs Patel: precision teaching refresher with the SENCO"],
        actions_at_home=["Ten minutes of shared reading with the decodable book each evening"])


def second_plan():
    """plan-2, cycle 2, after the first plan's review: what cycle 1 taught, carried forward."""
    plan = first_plan()
    plan.plan_id = "plan-2"
    plan.cycle = 2
    plan.agreed_on.CopyFrom(day(2025, 12, 1))
    plan.review_date.CopyFrom(day(2026, 2, 4))
    for outcome in plan.outcomes:
        outcome.target_date.CopyFrom(day(2026, 2, 4))
    plan.outcomes[0].description = "Reads 70 of the first 100 high-frequency words on sight"
    plan.outcomes[0].success_criteria = (
        "Reads 70 of 100 words correctly within one second each on two probes in a row")
    plan.learnt_from_previous_cycle = (
        "Short daily one-to-one work moved her sight vocabulary; group phonics did not. She "
        "works best first thing in the morning.")
    return plan


def attended_session(session_id, on, provision="pt", minutes=10):
    return v1.InterventionDelivered(
        session_id=session_id, plan_id="plan-1", provision_id=provision, delivered_on=on,
        minutes=minutes, delivered_by=MRS_PATEL, attendance=v1.ATTENDANCE_ATTENDED,
        engagement=v1.ENGAGEMENT_FULLY_ENGAGED)


def absent_session(session_id, on, provision="pt"):
    return v1.InterventionDelivered(
        session_id=session_id, plan_id="plan-1", provision_id=provision, delivered_on=on,
        minutes=0, delivered_by=MRS_PATEL, attendance=v1.ATTENDANCE_PUPIL_ABSENT,
        note="Amelia off sick")


def first_review():
    """review-1 of plan-1, held 2025-11-26: progress on both outcomes, refine the plan."""
    return v1.ReviewHeld(
        review_id="review-1",
        plan_id="plan-1",
        held_on=day(2025, 11, 26),
        invitees=[v1.ReviewInvitee(name="Sarah Hughes", role="parent",
                                   invited_on=day(2025, 11, 12), attended=True)],
        outcomes=[
            v1.OutcomeReview(outcome_id="hfw", progress=v1.OUTCOME_PROGRESS_PARTLY_MET,
                             evidence="Probe 2025-11-24: 38 of 100 words (from 12 in October)"),
            v1.OutcomeReview(outcome_id="ccvc", progress=v1.OUTCOME_PROGRESS_NOT_MET,
                             evidence="Dictation: 3 of 10 unseen CCVC words"),
        ],
        implemented_as_agreed=True,
        pupil_views="The flash cards are fun. The group is too noisy.",
        parent_views="Reading at home is calmer; spelling is still a battle.",
        staff_views="Strong gains one-to-one; little transfer from the group sessions.",
        decision=v1.REVIEW_DECISION_REFINE_PLAN,
        decision_reason="Sight words moving well; spelling needs a different approach.",
        learnt="Daily one-to-one beats group work for Amelia; mornings are best.",
        next_review_date=day(2026, 2, 4))


# ---------------------------------------------------------------------------------------------

class Server:
    """An endeavourd process on a loopback port; its standard output is read on a thread."""

    def __init__(self, data_dir, tokens):
        self.process = subprocess.Popen(
            [ARGS.endeavourd, "--listen", "127.0.0.1:0", "--data", data_dir, "--tokens", tokens],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        self._lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.address = None

    def _read(self):
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def wait_until_listening(self, timeout_s=30):
        """Returns HOST:PORT from "endeavourd: listening on HOST:PORT, ..."."""
        seen = []
        while True:
            try:
                line = self._lines.get(timeout=timeout_s)
            except queue.Empty:
                raise AssertionError(f"endeavourd did not say it was listening: {seen}")
            if line is None:
                raise AssertionError(f"endeavourd exited ({self.process.wait()}): {seen}")
            seen.append(line)
            match = re.search(r"listening on ([0-9.]+:[0-9]+)", line)
            if match:
                self.address = match.group(1)
                return self.address

    def stop(self, sig, timeout_s=30):
        """Sends sig and returns the exit code (negative: killed by a signal)."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout=timeout_s)

    def kill(self):
        self.stop(signal.SIGKILL)
        self.process.stdout.close()


class EndeavourClientTest(unittest.TestCase):
    """Amelia's record through the API, from Python: commands, views, refusals, retries, health,
    reflection and a clean shutdown."""

    @classmethod
    def setUpClass(cls):
        cls.stubs_dir = tempfile.mkdtemp(prefix="endeavour_py_stubs_")
        generate_stubs(cls.stubs_dir)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.stubs_dir, ignore_errors=True)

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="endeavour_py_e2e_")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self.tokens = os.path.join(self.dir, "tokens")
        self.senco = self.add_token("school-1", "senco", "staff/1042")
        self.other_school = self.add_token("school-2", "senco", "staff/9001")
        self.server = Server(os.path.join(self.dir, "data"), self.tokens)
        # A cleanup rather than tearDown, which is skipped when setUp fails: the server is killed
        # whatever happens (and after the channel is closed, cleanups running last-in first-out).
        self.addCleanup(self.server.kill)
        self.channel = grpc.insecure_channel(self.server.wait_until_listening())
        self.addCleanup(self.channel.close)
        self.pupils = v1.PupilRecordServiceStub(self.channel)
        self.queries = v1.QueryServiceStub(self.channel)

    def add_token(self, tenant, role, actor):
        added = subprocess.run(
            [ARGS.endeavourd, "token", "add", "--tokens", self.tokens, "--tenant", tenant,
             "--role", role, "--actor", actor],
            capture_output=True, text=True, timeout=30)
        self.assertEqual(added.returncode, 0, added.stderr)
        token = added.stdout.strip()
        self.assertTrue(token)
        return token

    @staticmethod
    def as_(token):
        return [("authorization", f"Bearer {token}")] if token else []

    @staticmethod
    def header(command_id=None):
        return v1.CommandHeader(command_id=command_id or str(uuid.uuid4()), today=day(*TODAY))

    def send(self, rpc, request_type, command, token=None, command_id=None):
        """Sends one pupil command as the SENCO (or token) and returns the CommandReply."""
        request = request_type(header=self.header(command_id), pupil_id=PUPIL, command=command)
        return rpc(request, metadata=self.as_(token or self.senco), timeout=CALL_TIMEOUT_S)

    def record_two_cycles(self):
        """Registers Amelia and records cycle 1 (plan, three sessions, review) and plan 2.
        Returns the replies by step."""
        p = self.pupils
        replies = {}
        replies["register"] = self.send(p.RegisterPupil, v1.RegisterPupilRequest,
                                        v1.RegisterPupil(pupil=amelia()))
        replies["need"] = self.send(p.IdentifyNeed, v1.IdentifyNeedRequest,
                                    v1.IdentifyNeed(need=reading_need()))
        replies["status"] = self.send(p.ChangeSenStatus, v1.ChangeSenStatusRequest,
                                      v1.ChangeSenStatus(change=onto_sen_support()))
        replies["plan-1"] = self.send(p.AgreePlan, v1.AgreePlanRequest,
                                      v1.AgreePlan(plan=first_plan()))
        # Two sessions delivered, one missed because Amelia was away.
        sessions = [attended_session("s-1", day(2025, 10, 9)),
                    absent_session("s-2", day(2025, 10, 13)),
                    attended_session("s-3", day(2025, 10, 15), provision="phonics", minutes=20)]
        for session in sessions:
            replies[session.session_id] = self.send(p.LogIntervention, v1.LogInterventionRequest,
                                                    v1.LogIntervention(session=session))
        replies["review-1"] = self.send(p.RecordReview, v1.RecordReviewRequest,
                                        v1.RecordReview(review=first_review()))
        replies["plan-2"] = self.send(p.AgreePlan, v1.AgreePlanRequest,
                                      v1.AgreePlan(plan=second_plan()))
        positions = [reply.position for reply in replies.values()]
        self.assertEqual(positions, sorted(positions))
        self.assertEqual(len(set(positions)), len(positions))
        for step, reply in replies.items():
            self.assertTrue(reply.event_ids, step)
        return replies

    def view_request(self, wait_for=0):
        return v1.PupilViewRequest(
            pupil_id=PUPIL,
            options=v1.ViewOptions(wait_for_position=wait_for, wait_timeout_ms=10000,
                                   today=day(*TODAY)))

    def assert_code(self, code, call, *args, **kwargs):
        with self.assertRaises(grpc.RpcError) as raised:
            call(*args, timeout=CALL_TIMEOUT_S, **kwargs)
        self.assertEqual(raised.exception.code(), code, raised.exception.details())
        return raised.exception

    def test_the_second_plan_is_active_after_the_first_was_reviewed(self):
        last = self.record_two_cycles()["plan-2"]
        plan = self.queries.GetCurrentPlan(self.view_request(last.position),
                                           metadata=self.as_(self.senco), timeout=CALL_TIMEOUT_S)
        self.assertTrue(plan.has_active_plan)
        self.assertEqual(plan.plan.plan_id, "plan-2")
        self.assertEqual(plan.plan.cycle, 2)
        self.assertEqual(plan.pupil.display_name, "Amelia Hughes")
        self.assertEqual(plan.status, v1.SEN_STATUS_SEN_SUPPORT)
        self.assertEqual([n.need_id for n in plan.standing_needs], ["need-reading"])
        self.assertEqual(plan.latest_review.review_id, "review-1")
        self.assertEqual(plan.next_review_date, day(2026, 2, 4))
        self.assertGreaterEqual(plan.last_position, last.position)

    def test_the_history_shows_two_cycles_the_first_reviewed(self):
        last = self.record_two_cycles()["plan-2"]
        history = self.queries.GetHistory(self.view_request(last.position),
                                          metadata=self.as_(self.senco), timeout=CALL_TIMEOUT_S)
        self.assertEqual([c.plan_id for c in history.cycles], ["plan-1", "plan-2"])
        first, second = history.cycles
        self.assertEqual(first.review.current.review_id, "review-1")
        self.assertEqual([(o.outcome.outcome_id, o.progress) for o in first.outcomes],
                         [("hfw", v1.OUTCOME_PROGRESS_PARTLY_MET),
                          ("ccvc", v1.OUTCOME_PROGRESS_NOT_MET)])
        self.assertEqual(first.questions.progress, v1.PROGRESS_VERDICT_NOT_ENOUGH)
        self.assertEqual(first.next_plan_id, "plan-2")
        self.assertIn("one-to-one", first.used_by_next_plan)
        self.assertFalse(second.HasField("review"))
        self.assertEqual(history.totals.cycles, 2)
        self.assertEqual(history.totals.reviewed_cycles, 1)
        delivery = history.totals.delivery
        self.assertEqual((delivery.sessions_logged, delivery.sessions_attended,
                          delivery.sessions_pupil_absent, delivery.minutes_delivered),
                         (3, 2, 1, 30))

    def test_no_token_a_bad_token_and_another_school_are_refused(self):
        last = self.record_two_cycles()["plan-2"]
        get = self.queries.GetCurrentPlan
        self.assert_code(grpc.StatusCode.UNAUTHENTICATED, get, self.view_request())
        self.assert_code(grpc.StatusCode.UNAUTHENTICATED, get, self.view_request(),
                         metadata=self.as_("x" * 43))
        # Another school's SENCO sees no such pupil in their own school, for reading or writing.
        self.assert_code(grpc.StatusCode.NOT_FOUND, get, self.view_request(last.position),
                         metadata=self.as_(self.other_school))
        session = v1.LogInterventionRequest(
            header=self.header(), pupil_id=PUPIL,
            command=v1.LogIntervention(session=attended_session("s-9", day(2025, 12, 2))))
        self.assert_code(grpc.StatusCode.NOT_FOUND, self.pupils.LogIntervention, session,
                         metadata=self.as_(self.other_school))

    def test_a_retried_command_returns_the_first_result_and_records_nothing(self):
        self.record_two_cycles()
        # A session of plan 2 logged, then sent again with the same command id, as a client does
        # when the reply was lost: the first result, and nothing appended.
        session = attended_session("s-4", day(2025, 12, 2))
        session.plan_id = "plan-2"
        command = v1.LogIntervention(session=session)
        command_id = str(uuid.uuid4())
        p = self.pupils
        first = self.send(p.LogIntervention, v1.LogInterventionRequest, command,
                          command_id=command_id)
        self.assertEqual(len(first.event_ids), 1)
        again = self.send(p.LogIntervention, v1.LogInterventionRequest, command,
                          command_id=command_id)
        self.assertEqual(again.position, first.position)
        self.assertEqual(list(again.event_ids), [])
        history = self.queries.GetHistory(self.view_request(again.position),
                                          metadata=self.as_(self.senco), timeout=CALL_TIMEOUT_S)
        self.assertEqual(history.totals.delivery.sessions_logged, 4)

    def test_the_health_check_says_serving(self):
        reply = health.HealthStub(self.channel).Check(health.HealthCheckRequest(service=""),
                                                      timeout=CALL_TIMEOUT_S)
        self.assertEqual(reply.status, health.HealthCheckResponse.SERVING)

    def test_reflection_lists_every_service(self):
        stub = reflection.ServerReflectionStub(self.channel)
        request = reflection.ServerReflectionRequest(list_services="*")
        responses = stub.ServerReflectionInfo(iter([request]), timeout=CALL_TIMEOUT_S)
        listed = next(responses)
        self.assertEqual(listed.WhichOneof("message_response"), "list_services_response",
                         listed)
        names = {service.name for service in listed.list_services_response.service}
        expected = {
            "endeavour.v1.PupilRecordService",
            "endeavour.v1.QueryService",
            "endeavour.v1.SelfEvaluationService",
            "endeavour.v1.EventStreamService",
            "endeavour.v1.AuditService",
            "grpc.health.v1.Health",
        }
        self.assertEqual(expected - names, set(), f"listed: {sorted(names)}")

    def test_sigterm_shuts_down_cleanly(self):
        self.record_two_cycles()
        self.assertEqual(self.server.stop(signal.SIGTERM), 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endeavourd", required=True, help="the endeavourd binary")
    parser.add_argument("--proto-dir", required=True, help="the project's proto/ folder")
    parser.add_argument("--protoc", default=ARGS.protoc)
    parser.add_argument("--grpc-python-plugin", default=ARGS.grpc_python_plugin)
    known, rest = parser.parse_known_args()
    for key, value in vars(known).items():
        setattr(ARGS, key, value)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
