"""Plausible wrong method for the tests of the tests: the main process answers every request
itself; a child process is started only to say goodbye. Right output, no dialogue over the
Pipe. Must fail test_each_request_crosses_the_pipe_on_its_own."""

from multiprocessing import Pipe, Process

from tangtoc import reference

_given = reference.load("bai07_ong_dan")  # the given helpers, exactly as in the exercise
reply_to, farewell, STOP = _given.reply_to, _given.farewell, _given.STOP


def serve(conn):
    count = conn.recv()
    conn.send(farewell(count))


def ask_all(requests):
    replies = [reply_to(request) for request in requests]
    here, there = Pipe()
    child = Process(target=serve, args=(there,))
    child.start()
    here.send(len(replies))
    goodbye = here.recv()
    child.join()
    return replies, goodbye, child.exitcode
