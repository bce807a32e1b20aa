"""Plausible wrong method for the tests of the tests: the whole list of requests goes to the
child as its argument and every reply comes back in one message. Right output, but no
request/response over the Pipe. Must fail test_each_request_crosses_the_pipe_on_its_own."""

from multiprocessing import Pipe, Process

from tangtoc import reference

_given = reference.load("bai07_ong_dan")  # the given helpers, exactly as in the exercise
reply_to, farewell = _given.reply_to, _given.farewell


def serve(conn, requests):
    conn.send(([reply_to(request) for request in requests], farewell(len(requests))))
    conn.close()


def ask_all(requests):
    here, there = Pipe()
    child = Process(target=serve, args=(there, requests))
    child.start()
    replies, goodbye = here.recv()
    child.join()
    return replies, goodbye, child.exitcode
