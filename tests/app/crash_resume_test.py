#!/usr/bin/env python3
"""The acceptance test for a crash never costing a take or its link to the answer.

The real `mockloop` binary, with its real recorder on the audio rig's virtual microphone, is
driven by keyboard under Xvfb (xdotool) through a scripted session (a full loop of two short rounds,
tests/data/crash-test/crash-test-loop.yaml) and killed with SIGKILL 20 times at random points:
during think time, mid-answer, mid-follow-up, on the rating page and during the rounds' wrap-ups. Each time it is started again and the session resumed
(Ctrl+Shift+R, then P). At the end the practice library must hold every answer with exactly one
take, every take on disk must belong to an answer, and each crash may have cost at most about a
second of audio.

How the audio lost to a crash is measured: a take's sidecar (<take>.json) records when capture
started and, for each resumption, where in the take it went on and when. A segment of recording
that a kill ended ran from its start to the moment of the kill; what the take holds of it is the
distance to the next resumption's position. The difference is what the crash cost.

Usage: crash_resume_test.py --mockloop PATH [--kills N] [--seed N] [--keep DIR]
Needs: the audio rig's environment (PULSE_SERVER...), Xvfb and xdotool. Without them it prints a
SKIP line and exits 0, unless MOCKLOOP_REQUIRE_AUDIO=1, which makes that a failure.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from private_display import start_xvfb

# The most audio one crash may cost: the recorder writes as audio arrives (SIGKILL keeps what the
# kernel has) and the sound server hands audio over every ~50 ms, plus the time a stream needs to
# start delivering after a resume.
MAX_LOST_PER_CRASH_S = 1.0
# How long MockLoop may take to show its window after each start (20 starts in a run).
START_SECONDS = 120
LOOP_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "crash-test",
                         "crash-test-loop.yaml")
QUESTIONS = 6  # two rounds of three


def log(message):
    print(message, flush=True)


def skip_or_fail(reason):
    if os.environ.get("MOCKLOOP_REQUIRE_AUDIO") == "1":
        log(f"FAIL: {reason} (MOCKLOOP_REQUIRE_AUDIO=1)")
        sys.exit(1)
    log(f"SKIP: crash_resume_test: {reason}")
    sys.exit(0)


def utc_seconds(iso):
    """Seconds since the epoch of an ISO 8601 time as Qt writes it ("2026-12-01T10:00:00.123Z")."""
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


class Display:
    """A private Xvfb; the display number is chosen by Xvfb itself."""

    def __init__(self):
        self.process, self.name = start_xvfb()

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class App:
    """One run of the mockloop binary, and the keys a person presses."""

    def __init__(self, binary, environment, data_folder, log_path):
        self.binary = binary
        self.log_path = log_path
        self.environment = environment
        self.session_file = os.path.join(data_folder, "unfinished-session.json")
        self.process = None
        self.window = None

    def start(self):
        with open(self.log_path, "a", encoding="utf-8") as output:
            output.write(f"--- started at {time.time():.3f}\n")
            self.process = subprocess.Popen([self.binary], env=self.environment, stdout=output, stderr=output)
        # Start-up is the machine's, not the product's: a sanitizer build on a busy 2-core machine
        # can take most of a minute to show its window.
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            found = self.xdotool("search", "--onlyvisible", "--pid", str(self.process.pid), "--name", "^MockLoop$",
                                 check=False)
            if found:
                self.window = found.split()[0]
                self.xdotool("windowfocus", "--sync", self.window, check=False)
                return
            if self.process.poll() is not None:
                with open(self.log_path, encoding="utf-8") as output:
                    tail = output.read()[-3000:]
                raise RuntimeError(f"mockloop exited with {self.process.returncode} at start; its output:\n{tail}")
            time.sleep(0.05)
        raise RuntimeError(f"mockloop showed no window within {START_SECONDS} s; {self.describe_stuck_process()}")

    def describe_stuck_process(self):
        """What a start that shows no window was doing: its output, and where each thread stood
        (when gdb is installed), so a hang can be told from a slow machine."""
        with open(self.log_path, encoding="utf-8") as output:
            description = f"its output:\n{output.read()[-3000:]}"
        if shutil.which("gdb"):
            stacks = subprocess.run(["gdb", "-p", str(self.process.pid), "-batch", "-ex", "thread apply all bt 25"],
                                    capture_output=True, text=True, timeout=120)
            description += f"\nits threads:\n{stacks.stdout[-12000:]}"
        return description

    def xdotool(self, *arguments, check=True):
        result = subprocess.run(["xdotool", *arguments], env=self.environment, capture_output=True, text=True,
                                timeout=20)
        if check and result.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(arguments)}: {result.stderr.strip()}")
        return result.stdout.strip()

    def key(self, *keys):
        self.xdotool("windowfocus", "--sync", self.window, check=False)
        self.xdotool("key", "--clearmodifiers", *keys)

    def kill(self):
        at = time.time()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        return at

    def quit(self):
        self.key("ctrl+q")
        self.process.wait(timeout=30)

    def session(self):
        """The session file as the app last saved it, or None when there is none."""
        try:
            with open(self.session_file, encoding="utf-8") as file:
                return json.load(file)
        except FileNotFoundError:
            return None
        except json.JSONDecodeError:
            return None  # never half-written (QSaveFile), but a rename may race a read

    def saved_at(self):
        session = self.session()
        return session.get("savedAt") if session else None


def phase_of(session):
    if session is None:
        return "none"
    state = session["state"]
    if state == "answering" and session.get("followUp", -1) >= 0:
        return "follow-up"
    return state


def wait_for(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.03)
    raise RuntimeError(f"timed out waiting for {what}")


def resume(app, saved_at):
    """Resumes the unfinished session once the practice page offers it, then unpauses it (P),
    which the session saves at once. P is pressed once per attempt: pressed twice, it would pause."""
    for _ in range(15):
        app.key("ctrl+shift+r")
        time.sleep(0.8)
        app.key("p")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if app.saved_at() != saved_at:
                return
            time.sleep(0.03)
    raise RuntimeError("the session could not be resumed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mockloop", required=True)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=int(os.environ.get("MOCKLOOP_CRASH_SEED", "0")) or None)
    parser.add_argument("--keep", help="keep the test's data in this folder")
    options = parser.parse_args()

    if not os.environ.get("MOCKLOOP_AUDIO_RIG") or not os.path.exists(
            os.path.join(os.environ["MOCKLOOP_AUDIO_RIG"], "native")):
        skip_or_fail("the audio rig is not running")
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            skip_or_fail(f"{tool} is not installed")

    seed = options.seed or random.SystemRandom().randrange(1, 2**31)
    rng = random.Random(seed)
    log(f"seed {seed} (MOCKLOOP_CRASH_SEED={seed} repeats this run)")

    root = options.keep or tempfile.mkdtemp(prefix="mockloop-crash-")
    os.makedirs(root, exist_ok=True)
    home = os.path.join(root, "home")
    config = os.path.join(home, ".config")
    data = os.path.join(home, ".local", "share")
    data_folder = os.path.join(data, "MockLoop")
    os.makedirs(os.path.join(config, "MockLoop"), exist_ok=True)
    # Short think time; one follow-up per question; the test's loop as a full loop, no breaks.
    os.makedirs(os.path.join(data_folder, "interview_loops"), exist_ok=True)
    shutil.copy(LOOP_FILE, os.path.join(data_folder, "interview_loops"))
    with open(os.path.join(config, "MockLoop", "MockLoop.conf"), "w", encoding="utf-8") as conf:
        conf.write("[practice]\nthinkSeconds=4\nfollowUpsPerQuestion=1\nfollowUpAnswerSeconds=30\n"
                   "breakMinutes=0\nmode=full-loop\nloopId=crash-test-loop\n")

    display = Display()
    environment = dict(os.environ, HOME=home, XDG_CONFIG_HOME=config, XDG_DATA_HOME=data, DISPLAY=display.name,
                       QT_QPA_PLATFORM="xcb", LC_ALL="C.UTF-8", QT_LOGGING_RULES="*.debug=false")
    environment.pop("QT_QPA_PLATFORMTHEME", None)
    # No session bus, as on a desktop where none runs: Qt's accessibility bridge looks for one on the
    # first start-up query and finds none at once. Left unset, libdbus forks a child to autolaunch a
    # bus, and the fork of a threaded sanitizer build can deadlock before it execs (the sanitizer's
    # allocator lock is held by another thread at the fork): the asan preset's start then hung in
    # QDBusConnection::sessionBus() and showed no window.
    environment["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + os.path.join(root, "no-session-bus")
    # Under the asan preset: Qt's xcb plugin (this test's only use of it) passes strndup() atom
    # names that are not NUL-terminated, which is valid C but what strict_string_checks reports.
    if "ASAN_OPTIONS" in environment:
        environment["ASAN_OPTIONS"] = environment["ASAN_OPTIONS"].replace("strict_string_checks=1",
                                                                         "strict_string_checks=0")
    app = App(options.mockloop, environment, data_folder, os.path.join(root, "mockloop.log"))

    # Which state visits get a kill: some of the six questions' think times, answers, follow-ups
    # and rating pages each, and the rest in the two wrap-ups (killed, resumed, killed again).
    per_kind = options.kills // 5
    kills_planned = {kind: set(rng.sample(range(QUESTIONS), per_kind)) for kind in ("thinking", "answering",
                                                                                     "follow-up", "rating")}
    wrap_up_kills = options.kills - 4 * per_kind
    kills_per_wrap_up = [wrap_up_kills // 2, wrap_up_kills - wrap_up_kills // 2]
    delays = {"thinking": (0.3, 2.5), "answering": (0.8, 3.5), "follow-up": (0.8, 2.5), "rating": (0.2, 1.5),
              "round-wrap-up": (0.2, 1.0)}

    kills = []  # (phase, question index, ordinal, take file, kill time)
    resumes = []
    failures = []
    started = time.monotonic()
    try:
        app.start()
        wait_for(lambda: app.xdotool("search", "--pid", str(app.process.pid), check=False), "the window")
        # Start practising once the loops are in (Ctrl+Return does nothing before).
        wait_for(lambda: (app.key("ctrl+Return"), time.sleep(0.3), app.session())[2], "the session to start")
        done_visits = set()
        while True:
            session = app.session()
            phase = phase_of(session)
            segment = session["segment"] if session else -1
            # Questions counted across the session: the first round's three, then the second's.
            question = segment * 3 + session["question"] if session else -1
            visit = (phase, question)
            planned = (phase in kills_planned and question in kills_planned[phase] and visit not in done_visits) \
                or (phase == "round-wrap-up"
                    and sum(1 for k in kills if k[0] == phase and k[1] // 3 == segment) < kills_per_wrap_up[segment])
            if planned:
                done_visits.add(visit)
                time.sleep(rng.uniform(*delays[phase]))
                session = app.session()
                if phase_of(session) != phase:
                    continue  # the state moved on by itself (think time ran out): plan again
                current = session.get("current") or {}
                killed_at = app.kill()
                before = app.session()
                kills.append((phase, question, current.get("ordinal", -1), current.get("takeFile", ""), killed_at))
                log(f"kill {len(kills):2d}: {phase} of question {question + 1} at "
                    f"{before['clocks']['answerMs'] / 1000:.1f} s of the answer clock")
                # Started again: resume the unfinished session (once the home page offers it),
                # then P, which the session saves at once.
                app.start()
                resume(app, before["savedAt"])
                after = app.session()
                resumes.append((phase_of(before), phase_of(after)))
                where = lambda saved: (phase_of(saved), saved["segment"], saved["question"])
                if where(after) != where(before):
                    failures.append(f"resume {len(resumes)}: stopped in {where(before)}, resumed in {where(after)}")
                continue

            if phase == "briefing":
                app.key("Return")
            elif phase == "thinking":
                time.sleep(rng.uniform(0.2, 1.0))
                if phase_of(app.session()) == "thinking":
                    app.key("Return")
            elif phase in ("answering", "follow-up"):
                time.sleep(rng.uniform(1.5, 3.0))
                app.key("Return")
            elif phase == "rating":
                app.key("3")
                app.key("ctrl+Return")
            elif phase == "round-wrap-up":
                app.key("Return")  # the next round, or the end of the session
                if segment == 1:
                    wait_for(lambda: app.session() is None, "the session file to go once the library holds it all")
                    break
            elif phase == "none":
                raise RuntimeError("the session file is gone before the session ended")
            wait_for(lambda: (lambda now: now is None or phase_of(now) != phase or now["segment"] != segment
                              or now["question"] != session["question"])(app.session()),
                     f"the session to move on from {phase}")
        app.key("Return")  # Done: back to the practice page (the session's one summary)
        app.quit()
    finally:
        if app.process and app.process.poll() is None:
            app.process.kill()
        display.close()
    log(f"{len(kills)} kills and resumes in {time.monotonic() - started:.0f} s")

    # --- What the library holds ---------------------------------------------------------------
    library = os.path.join(data_folder, "library")
    database = sqlite3.connect(os.path.join(library, "library.sqlite"))
    sessions = database.execute("SELECT id, finished_at, abandoned FROM sessions").fetchall()
    if len(sessions) != 1:
        failures.append(f"the library holds {len(sessions)} sessions, not 1")
    session_id, finished_at, abandoned = sessions[0]
    if finished_at is None or abandoned:
        failures.append("the session is not recorded as finished")
    answers = database.execute(
        "SELECT a.id, a.ordinal, a.question_id, a.answer_ms, a.has_recording, count(r.id), group_concat(r.path) "
        "FROM answers a LEFT JOIN recordings r ON r.answer_id = a.id GROUP BY a.id ORDER BY a.ordinal").fetchall()
    if [row[1] for row in answers] != list(range(QUESTIONS)):
        failures.append(f"the answers' ordinals are {[row[1] for row in answers]}, not 0-{QUESTIONS - 1}: lost or "
                        "doubled")
    paths = set()
    for answer_id, ordinal, question_id, answer_ms, has_recording, takes, path in answers:
        if takes != 1 or not has_recording:
            failures.append(f"answer {ordinal + 1} ({question_id}) has {takes} takes")
        else:
            paths.add(path)
    on_disk = set()
    leftovers = []
    for folder, _, files in os.walk(os.path.join(library, "takes")):
        for name in files:
            relative = os.path.relpath(os.path.join(folder, name), library)
            if name.endswith(".wav"):
                on_disk.add(relative)
            elif name.endswith(".part"):
                leftovers.append(relative)
    if on_disk != paths:
        failures.append(f"takes without an answer: {sorted(on_disk - paths)}; answers' takes missing: "
                        f"{sorted(paths - on_disk)}")
    if leftovers:
        failures.append(f"interrupted recordings left unrepaired: {leftovers}")

    # --- What each crash cost ------------------------------------------------------------------
    lost = []
    for phase, question, ordinal, take_file, killed_at in kills:
        if phase not in ("answering", "follow-up") or not take_file:
            continue
        with open(os.path.join(library, "takes", session_id, take_file[:-4] + ".json"), encoding="utf-8") as file:
            sidecar = json.load(file)
        starts = [(0, utc_seconds(sidecar["startedAt"]))] + [
            (item["atMs"], utc_seconds(item["resumedAt"])) for item in sidecar.get("resumptions", [])]
        # The segment the kill ended: the last that started before it; what the take holds of it
        # reaches to where the next one began.
        index = max(i for i, (_, at) in enumerate(starts) if at <= killed_at)
        if index + 1 >= len(starts):
            failures.append(f"question {question + 1}: the take did not go on after the kill at {phase}")
            continue
        held_s = (starts[index + 1][0] - starts[index][0]) / 1000
        ran_s = killed_at - starts[index][1]
        lost.append(ran_s - held_s)
        log(f"  question {question + 1}, {phase}: recorded {ran_s:.2f} s before the kill, the take holds "
            f"{held_s:.2f} s: {ran_s - held_s:.2f} s lost")
    if lost:
        log(f"audio lost per crash mid-answer: mean {sum(lost) / len(lost):.2f} s, most {max(lost):.2f} s "
            f"over {len(lost)} crashes (at most {MAX_LOST_PER_CRASH_S:.1f} s allowed)")
    for value in lost:
        if value > MAX_LOST_PER_CRASH_S:
            failures.append(f"a crash cost {value:.2f} s of audio")
    if len(kills) != options.kills:
        failures.append(f"{len(kills)} kills made, {options.kills} planned")
    if not lost:
        failures.append("no crash hit an answer being recorded")

    if failures:
        for failure in failures:
            log(f"FAIL: {failure}")
        log(f"the run's data is in {root}")
        sys.exit(1)
    log(f"PASS: {len(answers)} answers, each with its one take; {len(on_disk)} takes on disk, each an answer's")
    if not options.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
