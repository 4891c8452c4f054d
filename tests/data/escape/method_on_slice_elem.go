package main

type Counter struct{ n int }

func (c *Counter) Inc() {
	c.n++
}

func main() {
	cs := make([]Counter, 3)
	for i := 0; i < 3; i++ {
		cs[i].Inc()
	}
	var arr [2]Counter
	arr[1].Inc()
	println(cs[2].n, arr[1].n)
}
