package dev.moor.device;

import java.util.List;

import dev.moor.shared.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/rest/v1/platforms")
class PlatformController {

    private final PlatformService platforms;

    PlatformController(PlatformService platforms) {
        this.platforms = platforms;
    }

    /** The catalogue is the same for every tenant; any valid token may read it. */
    @GetMapping
    List<Platform> list(Caller caller) {
        return platforms.platforms();
    }
}
