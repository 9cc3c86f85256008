package io.github.microservicestarter.demo.user.store;

import java.util.List;
import java.util.UUID;

import io.github.microservicestarter.demo.user.UserStatus;

import org.springframework.lang.Nullable;

/**
 * Reads users a page at a time, with the orders and items of a whole page in two queries (not two
 * per user, as loading each aggregate would).
 */
public interface UserPageQueries {

	/**
	 * Users in id order.
	 * @param status only users of this status, or every user when null
	 * @param offset the users to skip
	 * @param limit the most users to return
	 * @return the page
	 */
	List<UserEntity> findPage(@Nullable UserStatus status, int offset, int limit);

	/**
	 * Users in id order after a given id: the next page of a walk through the table that neither
	 * skips nor repeats users when others are created or deleted meanwhile.
	 * @param status only users of this status, or every user when null
	 * @param after the last id of the previous page, or null for the first page
	 * @param limit the most users to return
	 * @return the page
	 */
	List<UserEntity> findPageAfter(@Nullable UserStatus status, @Nullable UUID after, int limit);

}
