package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GreeterTest {
    @Test
    void greetsAsJson() throws Exception {
        assertEquals("{\"greeting\":\"hello, hermetic\"}", Greeter.greeting("hermetic"));
    }
}
