package dev.camelproto.simulator.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An error response in FastAPI style: {@code {"detail": ...}} with a status. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final transient Object detail;

    public ApiException(int status, Object detail) {
        super(null, null, false, false);
        this.status = status;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, Contract.MSG_UNAUTHORIZED);
    }

    /** A 422 with one validation error. */
    public static ApiException invalid(String type, String msg, Object... loc) {
        return new ValidationErrors().add(type, msg, loc).toException();
    }

    /** Collects FastAPI/pydantic-style validation errors. */
    public static final class ValidationErrors {
        private final List<Map<String, Object>> errors = new ArrayList<>();

        public ValidationErrors add(String type, String msg, Object... loc) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", type);
            e.put("loc", List.of(loc));
            e.put("msg", msg);
            errors.add(e);
            return this;
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        public ApiException toException() {
            return new ApiException(422, List.copyOf(errors));
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw toException();
            }
        }
    }
}
