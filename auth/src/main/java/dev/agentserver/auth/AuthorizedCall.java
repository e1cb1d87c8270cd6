package dev.agentserver.auth;

/** A credentialed HTTP call; given the bearer to use, throws BearerRejectedException when the service answered 401. */
@FunctionalInterface
public interface AuthorizedCall<T, X extends Exception> {
    T call(String bearer) throws BearerRejectedException, X;
}
