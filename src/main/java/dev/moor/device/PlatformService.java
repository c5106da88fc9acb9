package dev.moor.device;

import java.util.List;
import java.util.Optional;

import dev.moor.shared.DomainException;
import org.springframework.stereotype.Service;

/**
 * The hardware catalogue: platforms, boards and board variants, seeded by the database migrations. Devices
 * name their platform, board and variant by key; the catalogue checks that the three fit together.
 */
@Service
public class PlatformService {

    private final PlatformStore platforms;

    PlatformService(PlatformStore platforms) {
        this.platforms = platforms;
    }

    /** Every platform with its boards and their variants, platforms by name. */
    public List<Platform> platforms() {
        return platforms.all();
    }

    /** The platform with this key, if the catalogue has it. */
    public Optional<Platform> findPlatform(String key) {
        return platforms.all().stream().filter(platform -> platform.key().equals(key)).findFirst();
    }

    /** The board with this key (board keys are unique across platforms), if the catalogue has it. */
    public Optional<Board> findBoard(String key) {
        return platforms.all().stream().flatMap(platform -> platform.boards().stream())
                .filter(board -> board.key().equals(key)).findFirst();
    }

    /** The variant {@code variantKey} of the board {@code boardKey}, if the catalogue has it. */
    public Optional<BoardVariant> findVariant(String boardKey, String variantKey) {
        return findBoard(boardKey).flatMap(board -> board.variants().stream()
                .filter(variant -> variant.key().equals(variantKey)).findFirst());
    }

    /** A device's platform, board and variant keys, checked against the catalogue; each may be absent. */
    record Hardware(Optional<String> platform, Optional<String> board, Optional<String> boardVariant) {
    }

    /**
     * Checks the keys against the catalogue and fills in the platform of a board given alone. Throws
     * VALIDATION_FAILED for an unknown key, a board of another platform, or a variant without its board.
     */
    Hardware resolve(Optional<String> platformKey, Optional<String> boardKey, Optional<String> variantKey) {
        List<Platform> catalogue = platforms.all();
        Optional<Platform> platform = platformKey.map(key -> catalogue.stream()
                .filter(candidate -> candidate.key().equals(key)).findFirst()
                .orElseThrow(() -> DomainException.invalid("Unknown platform '" + key
                        + "'; GET /rest/v1/platforms lists the known ones.")));
        Optional<Board> board = boardKey.map(key -> catalogue.stream().flatMap(candidate -> candidate.boards().stream())
                .filter(candidate -> candidate.key().equals(key)).findFirst()
                .orElseThrow(() -> DomainException.invalid("Unknown board '" + key
                        + "'; GET /rest/v1/platforms lists the known ones.")));
        if (platform.isPresent() && board.isPresent() && !board.get().platformKey().equals(platform.get().key())) {
            throw DomainException.invalid("Board '" + board.get().key() + "' is not a board of platform '"
                    + platform.get().key() + "'.");
        }
        Optional<BoardVariant> variant = variantKey.map(key -> {
            Board of = board.orElseThrow(() -> DomainException.invalid(
                    "A boardVariant needs its board."));
            return of.variants().stream().filter(candidate -> candidate.key().equals(key)).findFirst()
                    .orElseThrow(() -> DomainException.invalid("Board '" + of.key()
                            + "' has no variant '" + key + "'."));
        });
        return new Hardware(platform.map(Platform::key).or(() -> board.map(Board::platformKey)),
                board.map(Board::key), variant.map(BoardVariant::key));
    }
}
