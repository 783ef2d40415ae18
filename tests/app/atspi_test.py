#!/usr/bin/python3
"""What a screen reader hears of MockLoop, read through AT-SPI, the bus Orca reads (issue 18).

The real `mockloop` runs under a private Xvfb with Qt's Linux accessibility on
(QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1), on a private D-Bus session bus with at-spi2-core's own
accessibility bus and registry (at-spi-bus-launcher, at-spi2-registryd), and is read with libatspi
(python3-pyatspi's GObject bindings) as Orca reads it. Qt's AT-SPI bridge comes with its xcb
platform; the offscreen platform has none, which is why this test needs a display.

It walks each page and checks that no interactive element is unnamed (and that a combo box is not
named by its choice), that the custom widgets expose values that change (the answer clock, the
story phase bar and, on the audio rig's virtual microphone, the level meter hearing speech played
into it), that a question and a follow-up arriving are spoken as a name change of the focused
element carrying their text, that rating 1-4 speaks the score on the focused dimension, and
that Tab follows the visual order on the Practice home and the rating page.

Usage: atspi_test.py --mockloop PATH [--keep DIR]
Needs Xvfb, xdotool, dbus-daemon, at-spi2-core and python3-gi with Atspi (gir1.2-atspi-2.0, which
python3-pyatspi brings); for the level meter, the audio rig (tests/audio/audio-rig.sh: CTest starts
it, MOCKLOOP_AUDIO_RIG names it), flite and paplay; without the rig the app has no microphone.
Without them it prints a SKIP line, unless MOCKLOOP_REQUIRE_AUDIO=1 or CI is set (as in
`.ci/setup test`), which makes that a failure. Everything waits on conditions with
generous timeouts, never on fixed sleeps: a busy 2-core machine only makes it slower.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

from private_display import read_line, start_xvfb

HERE = os.path.dirname(os.path.abspath(__file__))
LOOP_FILE = os.path.join(HERE, "..", "data", "crash-test", "crash-test-loop.yaml")
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
TIMEOUT = 60  # seconds for anything to happen; a loaded machine may take a while


def log(message):
    print(message, flush=True)


def skip_or_fail(reason):
    if os.environ.get("MOCKLOOP_REQUIRE_AUDIO") == "1" or os.environ.get("CI"):
        log(f"FAIL: {reason} (the AT-SPI test must run in CI)")
        sys.exit(1)
    log(f"SKIP: atspi_test: {reason}")
    sys.exit(0)


class Failure(Exception):
    pass


def rig_running():
    """The audio rig's folder when it runs (tests/audio/audio-rig.sh writes "ok" to its status)."""
    rig = os.environ.get("MOCKLOOP_AUDIO_RIG", "")
    try:
        with open(os.path.join(rig, "status"), encoding="utf-8") as status:
            return rig if rig and status.read().strip() == "ok" else None
    except OSError:
        return None


def start_session_bus(environment):
    """A private session bus, its address read from the daemon; services (org.a11y.Bus) are
    activated from the system's service files."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(["dbus-daemon", "--session", "--nofork", f"--print-address={write_end}"],
                               pass_fds=[write_end], env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    os.close(write_end)
    return process, read_line(read_end, "dbus-daemon")


class Reader:
    """libatspi on the private bus: the app's tree, its events, and waiting on conditions while
    events are delivered."""

    def __init__(self):
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi, GLib
        self.Atspi = Atspi
        self.context = GLib.MainContext.default()
        Atspi.init()
        self.events = []
        self.listener = Atspi.EventListener.new(self._record)
        for kind in ("object:property-change:accessible-name", "object:state-changed:focused", "focus:",
                     "object:state-changed:showing", "object:property-change:accessible-value"):
            self.listener.register(kind)

    def _record(self, event):
        try:
            name = event.source.get_name() if event.source else ""
        except Exception:  # the object may be gone already
            name = ""
        data = event.any_data if isinstance(event.any_data, str) else ""
        self.events.append((event.type, name, data, event.detail1, event.source))

    def pump(self):
        while self.context.pending():
            self.context.iteration(False)

    def wait_for(self, condition, what, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            value = condition()
            if value:
                return value
            time.sleep(0.02)
        raise Failure(f"timed out after {timeout} s waiting for {what}")

    def app(self, pid):
        desktop = self.Atspi.get_desktop(0)
        for index in range(desktop.get_child_count()):
            child = desktop.get_child_at_index(index)
            try:
                if child is not None and child.get_process_id() == pid:
                    return child
            except Exception:
                continue
        return None

    def walk(self, root):
        """Every object under root that is showing, depth first, in the tree's order."""
        found = []
        stack = [root]
        while stack:
            node = stack.pop()
            try:
                node.clear_cache()
                states = node.get_state_set()
                if node is not root and not states.contains(self.Atspi.StateType.SHOWING):
                    continue
                found.append(node)
                children = [node.get_child_at_index(i) for i in range(node.get_child_count())]
            except Exception:
                continue
            stack.extend(reversed([child for child in children if child is not None]))
        return found

    def focused(self, root):
        for node in self.walk(root):
            try:
                if node.get_state_set().contains(self.Atspi.StateType.FOCUSED):
                    return node
            except Exception:
                continue
        return None

    def describe(self, node):
        try:
            node.clear_cache()
            return f"{node.get_role_name()} \"{node.get_name()}\""
        except Exception:
            return "(gone)"


class App:
    def __init__(self, binary, environment, log_path):
        self.environment = environment
        self.log_path = log_path
        with open(log_path, "w", encoding="utf-8") as output:
            self.process = subprocess.Popen([binary], env=environment, stdout=output, stderr=output)
        self.window = None

    def xdotool(self, *arguments, check=True):
        result = subprocess.run(["xdotool", *arguments], env=self.environment, capture_output=True, text=True,
                                timeout=30)
        if check and result.returncode != 0:
            raise Failure(f"xdotool {' '.join(arguments)}: {result.stderr.strip()}")
        return result.stdout.strip()

    def find_window(self):
        found = self.xdotool("search", "--onlyvisible", "--pid", str(self.process.pid), "--name", "^MockLoop$",
                             check=False)
        if found:
            self.window = found.split()[0]
        return self.window

    def key(self, *keys):
        self.xdotool("windowfocus", "--sync", self.window, check=False)
        self.xdotool("key", "--clearmodifiers", *keys)

    def output(self):
        try:
            with open(self.log_path, encoding="utf-8") as output:
                return output.read()[-3000:]
        except OSError:
            return ""


INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box", "text", "entry",
               "spin button", "slider", "list", "table", "tree table", "tree", "page tab", "page tab list",
               "date editor", "password text", "menu button", "link", "scroll bar", "progress bar"}


class Check:
    def __init__(self, reader, app, atspi_app):
        self.reader = reader
        self.app = app
        self.root = atspi_app
        self.problems = []

    def fail(self, message):
        log(f"  PROBLEM: {message}")
        self.problems.append(message)

    def unnamed_on_page(self, page):
        """Every interactive element showing, named; a combo box not named by its own choice."""
        Atspi = self.reader.Atspi
        count = 0
        for node in self.reader.walk(self.root):
            try:
                role = node.get_role_name()
                states = node.get_state_set()
                name = (node.get_name() or "").strip()
            except Exception:
                continue
            if role == "scroll bar":
                continue  # named by Qt itself; not a stop
            focusable = states.contains(Atspi.StateType.FOCUSABLE)
            if role not in INTERACTIVE and not focusable:
                continue
            count += 1
            if not name:
                self.fail(f"{page}: an unnamed {role} (focusable {focusable}) in {self.path_of(node)}")
            elif role == "combo box":
                items = set()
                for i in range(node.get_child_count()):
                    child = node.get_child_at_index(i)
                    for j in range(child.get_child_count() if child else 0):
                        item = child.get_child_at_index(j)
                        if item is not None:
                            items.add(item.get_name())
                if name in items:
                    self.fail(f"{page}: combo box named by its choice \"{name}\"")
        log(f"{page}: {count} interactive elements, every one checked for a name")
        return count

    def path_of(self, node):
        parts = []
        try:
            while node is not None and node != self.root and len(parts) < 8:
                node = node.get_parent()
                if node is not None:
                    parts.append(self.reader.describe(node))
        except Exception:
            pass
        return " < ".join(parts)

    def tab_stops(self, page, limit=60):
        """Presses Tab until the focus comes back round; returns the stops as 'role "name"', from the
        focus events in the order they came. Where a Tab brings no focus event within a few seconds
        (it moved inside an element, to a label's link) Tab is pressed again, as a person would;
        a late event is not lost, as every event is read."""
        stops = []
        sources = []  # the elements themselves: a clock's name changes between two visits
        read = len(self.reader.events)

        def gained_since(index):
            return [e for e in self.reader.events[index:]
                    if e[0].startswith("object:state-changed:focused") and e[3] == 1]
        for _ in range(limit):
            self.app.key("Tab")
            try:
                self.reader.wait_for(lambda: gained_since(read), f"{page}: focus to move on Tab", timeout=3)
            except Failure:
                continue
            quiet_since, count = time.monotonic(), len(self.reader.events)
            while time.monotonic() - quiet_since < 0.3:  # the focus events of one move arrive together
                self.reader.pump()
                if len(self.reader.events) != count:
                    quiet_since, count = time.monotonic(), len(self.reader.events)
                time.sleep(0.02)
            events = gained_since(read)
            read = len(self.reader.events)
            came_round = False
            for event in events:
                source = event[4]
                if os.environ.get("MOCKLOOP_ATSPI_DEBUG"):
                    log(f"  Tab: {self.reader.describe(source)}")
                if sources and source == sources[-1]:
                    continue
                if source in sources:
                    came_round = True
                    break
                sources.append(source)
                stops.append(self.reader.describe(source))
            if came_round:
                break
        log(f"{page} Tab stops: " + " → ".join(stops))
        for stop in stops:
            if stop.endswith('""'):
                self.fail(f"{page}: an unnamed Tab stop, {stop}")
        return stops

    def in_order(self, page, stops, expected):
        """Whether the stops, a cycle, hold the expected ones in this order from the first of them."""
        first = next((i for i, stop in enumerate(stops) if expected[0] in stop), 0)
        stops = stops[first:] + stops[:first]
        at = 0
        for wanted in expected:
            for index in range(at, len(stops)):
                if wanted in stops[index]:
                    at = index + 1
                    break
            else:
                self.fail(f"{page}: Tab order: {wanted!r} not found after the stops before it")
                return

    def name_event(self, since, text):
        """A name change whose new name carries text, on an element that has the focus."""
        for kind, name, data, _, source in self.reader.events[since:]:
            # Qt 6.4 sends the change without the value; the name read from the source as the
            # event is delivered is what a screen reader speaks.
            said = data or name
            if kind == "object:property-change:accessible-name" and text in said:
                try:
                    source.clear_cache()
                    if source.get_state_set().contains(self.reader.Atspi.StateType.FOCUSED):
                        return said
                except Exception:
                    continue
        return None

    def value_event(self, since, text):
        """A value change of an element whose name carries text, focused or not (Orca speaks a
        progress bar's updates wherever the focus is)."""
        for kind, name, _, _, _ in self.reader.events[since:]:
            if kind == "object:property-change:accessible-value" and text in name:
                return name
        return None

    def focus_event(self, since, text):
        """The focus arriving on an element whose name carries text."""
        for kind, name, _, detail, _ in self.reader.events[since:]:
            if kind.startswith("object:state-changed:focused") and detail == 1 and text in name:
                return name
        return None

    def find(self, predicate):
        for node in self.reader.walk(self.root):
            try:
                if predicate(node.get_role_name(), node.get_name() or ""):
                    return node
            except Exception:
                continue
        return None


def check_level_meter(reader, check, speech):
    """The microphone level is a value a screen reader speaks: silent while nobody speaks, speech
    while someone does (played into the rig's virtual microphone), and silent again after."""
    meter = reader.wait_for(lambda: check.find(lambda role, name: name.startswith("Microphone level")),
                            "the microphone level meter")
    if meter.get_role_name() != "progress bar":
        check.fail(f"the level meter is a {meter.get_role_name()!r}, not a progress bar with a value")

    def spoken():
        meter.clear_cache()
        try:
            value = meter.get_current_value()  # its Value interface, as Orca reads a progress bar
        except Exception:
            value = None
        return meter.get_name(), value
    reader.wait_for(lambda: spoken()[0].endswith(": silent"), "the level meter to say the microphone is silent")
    log(f"level meter before speaking: {spoken()}")
    since = len(reader.events)
    player = subprocess.Popen(["paplay", "--device=micfeed", speech], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    try:
        heard = reader.wait_for(lambda: check.value_event(since, "Microphone level: speech"),
                                "the level meter to say it hears speech, as a value change")
        name, value = spoken()
        log(f"level meter while speaking: \"{heard}\" (now {name!r}, value {value})")
        if value is None or value < 40:
            check.fail(f"the level meter's value while speaking is {value}, not a level of speech (40 or more)")
    finally:
        player.wait(timeout=TIMEOUT)
    reader.wait_for(lambda: spoken()[0].endswith(": silent"), "the level meter to say silent after the speech")


def run(options):
    for tool in ("Xvfb", "xdotool", "dbus-daemon"):
        if not shutil.which(tool):
            skip_or_fail(f"{tool} is not installed")
    if not os.path.exists(BUS_LAUNCHER):
        skip_or_fail("at-spi2-core is not installed (no at-spi-bus-launcher)")
    try:
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi  # noqa: F401 (only whether it loads)
    except (ImportError, ValueError) as error:
        skip_or_fail(f"libatspi's Python bindings are missing (python3-pyatspi): {error}")

    # Decided before anything is made or started, so that nothing is left behind when it fails.
    rig = rig_running()
    if rig is None:
        if os.environ.get("MOCKLOOP_REQUIRE_AUDIO") == "1":
            log("FAIL: the audio rig is not running (MOCKLOOP_AUDIO_RIG); the level meter cannot be checked")
            return 1
        log("the audio rig is not running: no microphone, the level meter is not checked")
    else:
        for tool in ("flite", "paplay"):
            if not shutil.which(tool):
                skip_or_fail(f"{tool} is not installed")

    root = options.keep or tempfile.mkdtemp(prefix="mockloop-atspi-")
    if options.keep:
        shutil.rmtree(root, ignore_errors=True)  # a fresh start: no session left from a run before
    os.makedirs(root, exist_ok=True)
    home = os.path.join(root, "home")
    config = os.path.join(home, ".config")
    data = os.path.join(home, ".local", "share")
    runtime = os.path.join(root, "runtime")
    os.makedirs(os.path.join(config, "MockLoop"), exist_ok=True)
    os.makedirs(os.path.join(data, "MockLoop", "interview_loops"), exist_ok=True)
    os.makedirs(runtime, mode=0o700, exist_ok=True)
    shutil.copy(LOOP_FILE, os.path.join(data, "MockLoop", "interview_loops"))
    with open(os.path.join(config, "MockLoop", "MockLoop.conf"), "w", encoding="utf-8") as conf:
        conf.write("[practice]\nthinkSeconds=3\nfollowUpsPerQuestion=1\nfollowUpAnswerSeconds=30\n"
                   "breakMinutes=0\nmode=full-loop\nloopId=crash-test-loop\n")

    speech = None
    if rig is not None:
        speech = os.path.join(root, "speech.wav")
        subprocess.run(["flite", "-t", "We cut the latency by forty percent for members in the evening peak, "
                        "and then we rolled it out to every region over the following two weeks.", "-o", speech],
                       check=True)

    processes = []
    display_process, display = start_xvfb()
    processes.append(display_process)
    environment = dict(os.environ, HOME=home, XDG_CONFIG_HOME=config, XDG_DATA_HOME=data, XDG_RUNTIME_DIR=runtime,
                       DISPLAY=display, LC_ALL="C.UTF-8", QT_QPA_PLATFORM="xcb",
                       QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1", NO_AT_BRIDGE="0",
                       QT_LOGGING_RULES="*.debug=false")
    if rig is None:
        environment["PULSE_SERVER"] = "unix:/nonexistent/mockloop-no-sound-server"
    environment.pop("QT_QPA_PLATFORMTHEME", None)
    environment.pop("DBUS_SESSION_BUS_ADDRESS", None)
    environment.pop("AT_SPI_BUS_ADDRESS", None)
    if "ASAN_OPTIONS" in environment:  # Qt's xcb plugin, as in crash_resume_test.py
        environment["ASAN_OPTIONS"] = environment["ASAN_OPTIONS"].replace("strict_string_checks=1",
                                                                         "strict_string_checks=0")
    bus_process, address = start_session_bus(environment)
    processes.append(bus_process)
    environment["DBUS_SESSION_BUS_ADDRESS"] = address
    # The accessibility bus and its registry, started now rather than on first use.
    launcher = subprocess.Popen([BUS_LAUNCHER, "--launch-immediately", "--a11y=1"], env=environment,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    processes.append(launcher)
    # This process reads on the same buses: libatspi finds them through the environment.
    os.environ.update(DBUS_SESSION_BUS_ADDRESS=address, DISPLAY=display, XDG_RUNTIME_DIR=runtime)
    os.environ.pop("AT_SPI_BUS_ADDRESS", None)

    started = time.monotonic()
    app = None
    try:
        reader = Reader()
        app = App(options.mockloop, environment, os.path.join(root, "mockloop.log"))
        processes.append(app.process)

        def window_and_tree():
            if app.process.poll() is not None:
                raise Failure(f"mockloop exited with {app.process.returncode}:\n{app.output()}")
            return app.find_window() and reader.app(app.process.pid)
        atspi_app = reader.wait_for(window_and_tree, "mockloop on the accessibility bus")
        log(f"mockloop is on the accessibility bus as \"{atspi_app.get_name()}\" "
            f"after {time.monotonic() - started:.1f} s")
        check = Check(reader, app, atspi_app)

        # The practice home, once the loops are in.
        reader.wait_for(lambda: check.find(lambda role, name: role == "combo box" and name.startswith("Loop")),
                        "the practice home's loop choice, named \"Loop\"")
        check.unnamed_on_page("Practice home")
        stops = check.tab_stops("Practice home")
        check.in_order("Practice home", stops, ['"Loop', '"Level', "Full mock loop", "Start", 'page tab list "Rounds"',
                                         "Rounds of this loop"])

        for number, page in ((2, "Library"), (3, "Progress"), (4, "Stories"), (5, "Settings")):
            app.key(f"ctrl+{number}")
            reader.wait_for(lambda: check.find(lambda role, name: role == "list item" and name == page),
                            f"the {page} page")
            reader.wait_for(lambda: reader.focused(atspi_app) is not None, f"{page}: focus")
            # The page has filled in from its workers when its typical control shows.
            marker = {"Library": ("text", "Search questions, notes and transcripts"),
                      "Progress": ("combo box", None), "Stories": ("text", "Search stories"),
                      "Settings": ("spin button", None)}[page]
            reader.wait_for(lambda: check.find(lambda role, name: role == marker[0]
                                               and (marker[1] is None or name == marker[1])),
                            f"{page}: its controls")
            check.unnamed_on_page(page)
        app.key("ctrl+1")

        # A session: the question spoken when it appears, on the focused element, then think time
        # (3 s) running out.
        app.key("ctrl+Return")
        reader.wait_for(lambda: check.find(lambda role, name: role == "push button" and name.startswith("Begin")),
                        "the briefing")
        since = len(reader.events)
        app.key("Return")
        question = reader.wait_for(lambda: check.name_event(since, "Tell me about"),
                                   "the question spoken on the focused element")
        log(f"the question arrived as: \"{question}\"")
        answer_now = reader.wait_for(lambda: check.name_event(since, "Answer now"), "think time ending, spoken")
        log(f"think time ended as: \"{answer_now}\"")
        answering_since = len(reader.events)

        # The answer clock and the phase bar expose values that change.
        clock = reader.wait_for(lambda: check.find(lambda role, name: name.startswith("Answer time ")),
                                "the answer clock")
        phases = check.find(lambda role, name: name.startswith("Story phases"))
        first_clock = clock.get_name()
        first_phase = phases.get_name() if phases else ""
        reader.wait_for(lambda: (clock.clear_cache(), clock.get_name())[1] != first_clock,
                        "the answer clock's name to change")
        log(f"answer clock: \"{first_clock}\" then \"{clock.get_name()}\"")
        if phases is None:
            check.fail("no story phase bar")
        else:
            reader.wait_for(lambda: (phases.clear_cache(), phases.get_name())[1] != first_phase,
                            "the phase bar's name to change")
            log(f"phase bar: \"{first_phase}\" then \"{phases.get_name()}\"")
        if speech is not None:
            check_level_meter(reader, check, speech)
        check.unnamed_on_page("Answering")
        stops = check.tab_stops("Answering")
        check.in_order("Answering", stops, ["Answer now", "Answer time", '"Notes for this answer"', "Next Phase",
                                            "Finish Answer", "Pause", "Skip Question", "End Round"])

        # The clock ticks without telling: no name change as its seconds go by (Orca would read
        # each one on the focused clock).
        ticks = [e for e in reader.events[answering_since:]
                 if e[0] == "object:property-change:accessible-name" and e[1].startswith("Answer time ")
                 and "seconds left" in e[1]]
        log(f"name changes of the answer clock while answering: {len(ticks)}")
        if len(ticks) > 1:
            check.fail(f"the answer clock sends a name change as it ticks ({len(ticks)} times)")

        # A follow-up: its arrival emits an event carrying its text, on the focused element.
        since = len(reader.events)
        app.key("Return")
        follow_up = reader.wait_for(lambda: check.name_event(since, "Follow-up 1 of 1: "),
                                    "the follow-up spoken on the focused element")
        log(f"the follow-up arrived as: \"{follow_up}\"")
        if "Why?" not in follow_up:
            check.fail(f"the follow-up's event does not carry its text: {follow_up!r}")

        # The rating page: focus on the first dimension, 3 speaks the score there.
        since = len(reader.events)
        app.key("Return")
        reader.wait_for(lambda: check.focus_event(since, "Ownership: not rated"),
                        "the rating page, focus on its first dimension")
        since = len(reader.events)
        app.key("3")
        rated = reader.wait_for(lambda: check.name_event(since, "Ownership: 3: "), "the score spoken")
        log(f"rating 3 spoken as: \"{rated}\"")
        check.unnamed_on_page("Rating")
        stops = check.tab_stops("Rating")
        check.in_order("Rating", stops, ["Ownership: 3", "Quantified results", "Making excuses", "Blaming others",
                                  '"Notes"', "Skip rating", "Submit rating"])
        # The sidebar comes before the page or after it, never inside the rating.
        first = next((i for i, stop in enumerate(stops) if "Ownership" in stop), 0)
        cycle = stops[first:] + stops[:first]
        submit = next((i for i, stop in enumerate(cycle) if "Submit rating" in stop), len(cycle))
        if any("Pages" in stop for stop in cycle[:submit]):
            check.fail("Rating: Tab leaves the rating for the sidebar before Submit")
        app.key("ctrl+q")
        if app.process.wait(timeout=TIMEOUT) != 0:
            check.fail(f"mockloop quit with {app.process.returncode}:\n{app.output()}")
    except (Failure, RuntimeError) as failure:
        log(f"FAIL: {failure}")
        log("the last events: " + "\n  ".join(f"{kind} {name!r} {data!r} {detail}" for kind, name, data, detail, _
                                                in reader.events[-25:]))
        if app is not None:
            log(f"mockloop's output:\n{app.output()}")
        return 1
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        if not options.keep:
            shutil.rmtree(root, ignore_errors=True)
    log(f"took {time.monotonic() - started:.1f} s")
    if check.problems:
        log(f"FAIL: {len(check.problems)} problem(s)")
        return 1
    log("PASS")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mockloop", required=True)
    parser.add_argument("--keep", help="keep the test's data and mockloop's output in this folder")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
