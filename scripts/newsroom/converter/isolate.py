"""Run one piece of risky work (reading an untrusted file) in a worker process with memory and time limits.

A crash, a memory blow-up or a hang in the worker ends only the worker: the caller gets a
:class:`Failure` saying which limit was hit, and carries on with the next file. The worker is forked,
so it starts at once with everything already imported, and sends its result back through a pipe.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

from newsroom.messages import _

T = TypeVar("T")

MIB = 2**20
# Address space a worker may add to what the command already holds (Python and its libraries).
MEMORY_BYTES = 512 * MIB
CPU_SECONDS = 10
# Wall-clock backstop for a worker that sleeps or waits instead of computing (CPU time is the real limit).
WALL_SECONDS = 60


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = MEMORY_BYTES
    cpu_seconds: int = CPU_SECONDS
    wall_seconds: float = WALL_SECONDS


@dataclass(frozen=True)
class Failure:
    """Why a worker gave no result: ``kind`` is ``memory``, ``time`` or ``crash``; ``reason`` is one line."""

    kind: str
    reason: str


@dataclass(frozen=True)
class Result(Generic[T]):
    value: T | Failure
    seconds: float  # the worker's CPU time
    peak_mib: float  # the worker's peak resident memory (what it shares with the command included)


def _address_space() -> int:
    """Bytes of address space this process holds now (VmSize)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _worker(send: Connection, work: Callable[[], T], limits: Limits, base: int) -> None:
    # The limit is on top of what the forked command already holds, so it measures the work alone.
    memory = base + limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    # The command prints one line per file; a worker's own output (library warnings, a crash dump)
    # would only interleave with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    faulthandler.disable()
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), 2)
    value: T | Failure
    try:
        value = work()
    except MemoryError:
        value = Failure("memory", f"needs more than {limits.memory_bytes // MIB} MiB of memory to read")
    except RecursionError:
        value = Failure("crash", "nests too deeply to read (recursion limit)")
    except Exception as error:  # a bug in a reader: reported in one line, never a traceback
        message = " ".join(str(error).split())[:300]
        value = Failure("crash", f"could not be read: internal error {type(error).__name__}: {message}")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    try:
        send.send(Result(value, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024))
    except MemoryError:
        send.send(Result(Failure("memory", "result too large to hand back"), 0.0, 0.0))
    finally:
        send.close()


def run(work: Callable[[], T], limits: Limits | None = None) -> Result[T]:
    """Run ``work()`` in a forked worker with ``limits``; its value, or a :class:`Failure` saying why not."""
    limits = limits or Limits()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(send, work, limits, _address_space()), daemon=True)
    started = time.monotonic()
    process.start()
    send.close()
    result: Result[T] | None = None
    try:
        if receive.poll(limits.wall_seconds):
            result = receive.recv()
    except (EOFError, OSError):
        result = None  # the worker died before it could answer
    finally:
        receive.close()
        process.join(timeout=1)
        if process.is_alive():
            process.kill()
            process.join()
    if result is not None:
        return result
    return Result(_failure(process.exitcode, time.monotonic() - started, limits), 0.0, 0.0)


def _failure(exitcode: int | None, elapsed: float, limits: Limits) -> Failure:
    # In this (the parent) process, so the reason is in the reader's language; a worker's own reasons stay
    # English: translating there would load the catalogue under the worker's memory limit.
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL) and elapsed >= limits.wall_seconds:
        return Failure(
            "time", _("took longer than {limit} s to read; stopped").format(limit=f"{limits.wall_seconds:.0f}")
        )
    if exitcode == -signal.SIGXCPU:
        problem = _("took more than {limit} s of processor time to read; stopped")
        return Failure("time", problem.format(limit=limits.cpu_seconds))
    if exitcode == -signal.SIGKILL:
        return Failure("memory", _("was stopped by the system (out of memory) while being read"))
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else f"signal {-exitcode}"
        return Failure("crash", _("made the reader crash ({name})").format(name=name))
    problem = _("made the reader stop without an answer (exit status {code})")
    return Failure("crash", problem.format(code=exitcode))
