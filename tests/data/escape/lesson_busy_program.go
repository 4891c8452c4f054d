package main

type Msg struct {
	next *Msg
	body [1016]byte
} // 1 KiB

type Queue struct {
	cur  [64]*Msg
	prev [64]*Msg
}

var q1, q2, q3 *Queue

// produce keeps, per slot, the current message and the previous one.
// Each new message makes the oldest one garbage.
func produce(q *Queue) {
	var m *Msg
	for i := 0; i < 64; i++ {
		q.cur[i] = new(Msg)
	}
	for round := 0; round < 100; round++ {
		for i := 0; i < 64; i++ {
			m = new(Msg)         // black if the collector is marking
			m.next = q.cur[i]    // barrier: old nil, new cur
			q.prev[i] = q.cur[i] // barrier: old prev, new cur
			q.prev[i].next = nil // barrier: old = the oldest message, now garbage
			q.cur[i] = m         // barrier: old cur, new m
		}
	}
}

func main() {
	q1, q2, q3 = new(Queue), new(Queue), new(Queue)
	go produce(q1)
	go produce(q2)
	produce(q3)
}
