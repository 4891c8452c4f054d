package main

func deref2(ppp ***int) *int {
	return **ppp
}

func main() {
	n := 1
	p := &n
	pp := &p
	println(*deref2(&pp))
}
